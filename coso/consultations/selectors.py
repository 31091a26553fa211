"""Reads of consultations: a commune's list (keyset-paginated, with counts), one
consultation with its clauses and opinions (a fixed number of queries), and the clause
by clause differences between draft and final text."""

import datetime as dt
import difflib
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from coso.consultations.models import Clause, Consultation, Opinion, Status
from coso.core.pagination import count_of, dated_page
from coso.core.permissions import get_or_404, scoped_for
from coso.units.selectors import Unit, units_under

PATH = "unit__path"


def _listed(qs: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return qs.annotate(opinion_count=Coalesce(count_of(Opinion.objects.all(), "consultation"), 0))


def consultations(*, unit: Unit, user: Any = None, after: str = "", size: int = 50) -> Any:
    qs = Consultation.objects.filter(unit__in=units_under(unit=unit))
    if user is not None:
        qs = scoped_for(qs, user, "records.read", path_field=PATH)
    return dated_page(_listed(qs), field="opened_on", after=after, size=size, descending=True)


def _full(qs: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return qs.select_related("unit").prefetch_related(
        Prefetch(
            "clauses",
            queryset=Clause.objects.prefetch_related(
                Prefetch("opinions", queryset=Opinion.objects.order_by("id"))
            ),
        ),
        Prefetch(
            "opinions",
            queryset=Opinion.objects.filter(clause__isnull=True).order_by("id"),
            to_attr="general",
        ),
    )


def public_get(*, pk: int) -> Consultation:
    return get_object_or_404(_full(Consultation.objects.all()), pk=pk)


def consultation_get(*, user: Any, pk: int, action: str = "records.read") -> Consultation:
    return get_or_404(_full(Consultation.objects.all()), user, action, path_field=PATH, pk=pk)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The final text against the draft, word by word: ("same" | "del" | "ins", text)."""
    a, b = before.split(), after.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(("del", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("ins", " ".join(b[j1:j2])))
    return out


def open_for_village(*, village: Unit, today: Any) -> QuerySet[Consultation]:
    """Drafts open to opinions today in the village or its commune: what a household
    of the village may comment on (GDL arts. 25–28)."""
    return (
        Consultation.objects.filter(
            unit_id__in=[village.pk, village.parent_id],
            status=Status.OPEN,
            closes_on__gte=today,
        )
        .select_related("unit")
        .only("id", "title", "closes_on", "unit__name")
        .order_by("closes_on", "id")
    )


def calendar_closing(*, unit: Unit, since: dt.date) -> QuerySet[Consultation]:
    """The consultations of `unit` and the units below it closing on or after `since`,
    for its public calendar (coso.calendars)."""
    return (
        Consultation.objects.filter(unit__in=units_under(unit=unit), closes_on__gte=since)
        .only("id", "title", "closes_on")
        .order_by("closes_on", "id")
    )
