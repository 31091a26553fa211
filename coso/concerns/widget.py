"""The officials' topic-confirmation widget, shown under each record in which residents
raised something (a petition, a question, an opinion, a request, a survey comment): the
topics the rules suggested and the sender picked, the official's confirmation, the
household linked. Used by the record pages' template tag (`concerns_classify`) and by
the widget's own view (coso/concerns/views/classify.py)."""

from dataclasses import dataclass
from typing import Any

from coso.concerns import topics
from coso.concerns.models import Concern
from coso.core.permissions import can


@dataclass(frozen=True)
class Catalogue:
    """Each topic's label in the reader's language, and the choices a form offers (the
    topics not retired, a subtopic under its parent's name)."""

    labels: dict[str, str]
    choices: list[tuple[str, str]]


def catalogue() -> Catalogue:
    """From the catalogue kept in memory (coso/concerns/topics.py)."""
    entries = topics.catalogue().entries
    return Catalogue({e.code: topics.label(e.code) for e in entries}, topics.choices())


def context(
    *, user: Any, concern: Concern, catalogue: Catalogue, error: str = ""
) -> dict[str, Any]:
    """What the widget shows `user` about `concern`."""
    labels = catalogue.labels

    def named(codes: Any) -> list[tuple[str, str]]:
        return [(c, labels.get(c, c)) for c in codes or ()]

    counted = set(concern.confirmed if concern.confirmed is not None else [])
    if concern.confirmed is None:
        counted = {*concern.suggested, *concern.picked}
    shown = dict.fromkeys([*concern.suggested, *concern.picked, *(concern.confirmed or [])])
    return {
        "concern": concern,
        "boxes": [
            {
                "code": code,
                "label": labels.get(code, code),
                "checked": code in counted,
                "suggested": code in concern.suggested,
                "picked": code in concern.picked,
            }
            for code in shown
        ],
        "confirmed": named(concern.confirmed) if concern.confirmed is not None else None,
        "counted": named(c for c in shown if c in counted),
        "choices": catalogue.choices,
        "writer": can(user, "concerns.write", path=concern.unit.path),
        "household_code": concern.household.code if concern.household_id else "",
        "error": error,
    }
