"""Reads of surveys: a unit's list (searchable, keyset-paginated, one query with its
answer counts), a survey with its results, the one-time links to print, a household's
open surveys, and the runs a unit's public page shows. An anonymous survey's results
exist only once it is closed; free-text comments are read under `personal.read`."""

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from coso.core.pagination import count_of, keyset_page
from coso.core.permissions import get_or_404, scoped_for
from coso.surveys.models import (
    Answer,
    Element,
    ElementResult,
    Frame,
    Invited,
    Participation,
    Plan,
    Questionnaire,
    Status,
    Survey,
)
from coso.surveys.questions import questions_of
from coso.units.selectors import Unit

PATH = "unit__path"

__all__ = ["Element", "Plan", "Status", "Survey"]


def _listed(qs: QuerySet[Survey]) -> QuerySet[Survey]:
    return qs.select_related("questionnaire", "unit").annotate(
        answers=Coalesce(count_of(Participation.objects.all(), "survey"), 0),
        invited_count=Coalesce(count_of(Invited.objects.all(), "survey"), 0),
    )


def surveys(
    *,
    unit: Unit,
    user: Any,
    query: str = "",
    closing: tuple[dt.date | None, dt.date | None] = (None, None),
    after: Any = None,
    size: int = 50,
) -> Any:
    """The surveys of `unit` and the units under it the user may read, newest first;
    those closing in `closing` (a figure's period) when given."""
    qs = scoped_for(Survey.objects.all(), user, "records.read", path_field=PATH)
    qs = qs.filter(unit__path__startswith=unit.path)
    if closing[0] and closing[1]:
        qs = qs.filter(closes_on__range=closing)
    if query.strip():
        qs = qs.filter(Q(title__icontains=query.strip()) | Q(period__icontains=query.strip()))
    return keyset_page(_listed(qs), key="id", after=after, size=size, descending=True)


def survey_get(*, user: Any, pk: int, action: str = "records.read") -> Survey:
    return get_or_404(_listed(Survey.objects.all()), user, action, path_field=PATH, pk=pk)


def questionnaires() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.all()


def results(*, survey: Survey) -> list[dict[str, Any]]:
    """Per element, in the catalogue's order: answered, satisfied and the share (%)."""
    rows = {r.element: r for r in ElementResult.objects.filter(survey=survey)}
    found = []
    for element in Element:
        if element.value in rows:
            r = rows[element.value]
            share = round(100 * r.satisfied / r.answered, 1) if r.answered else None
            found.append(
                {
                    "element": element.value,
                    "label": element.label,
                    "answered": r.answered,
                    "satisfied": r.satisfied,
                    "share": share,
                }
            )
    return found


def frames(*, survey: Survey) -> QuerySet[Frame]:
    return Frame.objects.filter(survey=survey).select_related("village").order_by("village__name")


def links(*, survey: Survey) -> QuerySet[Invited]:
    """The invited households with their one-time links' tokens (to print)."""
    return (
        Invited.objects.filter(survey=survey)
        .select_related("household__village")
        .order_by("household__village__name", "household__code")
    )


def comments(*, survey: Survey) -> list[str]:
    """The free-text answers (under personal.read only: they may carry a name)."""
    return [a.text for a in comment_answers(survey=survey)]


def comment_answers(*, survey: Survey) -> list[Answer]:
    """The free-text answers as rows (their keys name their concerns), by text."""
    keys = [q.key for q in questions_of(survey.questionnaire) if q.kind == "text"]
    rows = Answer.objects.filter(response__survey=survey, key__in=keys).exclude(text="")
    return list(rows.order_by("text").only("id", "text")[:500])


def open_for_household(*, household: Any) -> QuerySet[Survey]:
    """The open surveys the household is invited to and has not answered yet."""
    today = timezone.localdate()
    return Survey.objects.filter(
        invited__household=household,
        invited__used=False,
        status=Status.OPEN,
        opens_on__lte=today,
        closes_on__gte=today,
    ).select_related("questionnaire", "unit")


def household_survey_get(*, household: Any, pk: int) -> Survey:
    """A survey the household is invited to (404 otherwise)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Survey.objects.select_related("questionnaire", "unit"), pk=pk, invited__household=household
    )


def public_runs(unit: Unit) -> list[dict[str, Any]]:
    """The runs a unit's public page shows (its own and its villages'): questionnaire
    and version, sampling plan and size, answers, closing day — one query."""
    qs = _listed(Survey.objects.filter(unit__path__startswith=unit.path))
    return list(
        qs.order_by("-closes_on", "-id").values(  # type: ignore[misc]  # annotated in _listed
            "id",
            "title",
            "period",
            "plan",
            "per_village",
            "seed",
            "status",
            "closes_on",
            "respondents",
            "answers",
            sample=F("invited_count"),
            questionnaire_code=F("questionnaire__code"),
            questionnaire_title=F("questionnaire__title"),
            questionnaire_version=F("questionnaire__version"),
            unit_code=F("unit__code"),
        )[:50]
    )
