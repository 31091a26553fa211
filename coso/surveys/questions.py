"""A questionnaire's questions read as data: which are asked given the answers so far
(conditions), what a valid answer to each is, and the random draw of a sample — pure
functions, no database."""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from coso.core.errors import DomainError

YES, NO = "yes", "no"
SCALE_POINTS = ("1", "2", "3", "4", "5")


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: str
    labels: Sequence[Any]
    satisfied: Sequence[str]
    condition: Mapping[str, Any] | None
    element: str

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> "Question":
        return cls(
            key=data["key"],
            text=data["text"],
            kind=data["kind"],
            labels=data.get("labels") or [],
            satisfied=data.get("satisfied") or [],
            condition=data.get("condition"),
            element=data.get("element") or "",
        )

    def values(self) -> list[str]:
        """The values an answer may take ([] for free text)."""
        if self.kind == "scale":
            return list(SCALE_POINTS)
        if self.kind == "yesno":
            return [YES, NO]
        if self.kind == "choice":
            return [key for key, _label in self.labels]
        return []

    def options(self) -> list[tuple[str, str]]:
        """(value, label) as a form shows them."""
        if self.kind == "scale":
            return [
                (p, f"{p} · {label}") for p, label in zip(SCALE_POINTS, self.labels, strict=True)
            ]
        if self.kind == "yesno":
            return [(YES, _("Có")), (NO, _("Không"))]
        return [(key, label) for key, label in self.labels]


def questions_of(questionnaire: Any) -> list[Question]:
    return [Question.of(q) for q in questionnaire.questions]


def asked(question: Question, answers: Mapping[str, str]) -> bool:
    """Whether `question` is asked, given the answers to the questions before it."""
    condition = question.condition
    return not condition or answers.get(condition["key"]) in condition["in"]


def clean_answers(questions: Sequence[Question], given: Mapping[str, Any]) -> dict[str, str]:
    """The answers kept from `given` ({key: value}): each question asked (its condition
    met by the answers kept before it) and answered with a valid value; an empty answer
    is no answer. Refuses an invalid value and a form with no answer at all."""
    kept: dict[str, str] = {}
    for question in questions:
        value = str(given.get(question.key) or "").strip()
        if not value or not asked(question, kept):
            continue
        if question.kind == "text":
            if len(value) > settings.COSO_TEXT_MAX_CHARS:
                raise DomainError(_("Góp ý quá dài."), field=question.key)
        elif value not in question.values():
            raise DomainError(_("Câu trả lời không hợp lệ."), field=question.key)
        kept[question.key] = value
    if not any(kept.get(q.key) for q in questions if q.kind != "text"):
        raise DomainError(_("Cần trả lời ít nhất một câu hỏi."), field="__all__")
    return kept


def draw(seed: int, frames: Sequence[tuple[int, Sequence[int]]], n: int) -> dict[int, list[int]]:
    """The sample: for each (village id, its household ids) in the order given, `n`
    households (all, if fewer) drawn with one `random.Random(seed)` over the households
    ordered by id. The same seed over the same frames draws the same households."""
    rng = random.Random(seed)
    return {village: sorted(rng.sample(sorted(ids), min(n, len(ids)))) for village, ids in frames}
