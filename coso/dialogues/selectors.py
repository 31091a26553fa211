"""Reads of meetings: a unit's list (keyset-paginated), one meeting with what was raised
and promised (a fixed number of queries), the public pages of a commune."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from coso import rules
from coso.core.pagination import count_of, dated_page
from coso.core.permissions import get_or_404, scoped_for
from coso.dialogues.models import PUBLIC_KINDS, Item, Kind, Meeting
from coso.dialogues.services import RULES as MINIMUMS
from coso.dialogues.services import WHERE
from coso.followups.selectors import FollowUp, made_from, of_origins
from coso.rules.services import RuleMissing
from coso.units.selectors import Unit, units_under

PATH = "unit__path"
LIST_FIELDS = ("id", "kind", "unit_id", "date", "place", "chair", "participants")


@dataclass(frozen=True)
class Page:
    items: list[Meeting]
    next_after: str | None


def _counted(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """With each meeting's questions and every follow-up it made (with a question or
    not)."""
    promised = made_from(Meeting)
    return qs.annotate(
        questions=Coalesce(count_of(Item.objects.all(), "meeting"), 0),
        commitments=Coalesce(count_of(promised, "origin_id"), 0),
    )


def meetings(*, user: Any, unit: Unit, kind: str = "", after: str = "", size: int = 50) -> Page:
    """Meetings at `unit` and below, newest first, with their counts: one query."""
    qs = scoped_for(Meeting.objects.all(), user, "records.read", path_field=PATH).filter(
        unit__in=units_under(unit=unit)
    )
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    return _page(qs, after, size)


def _page(qs: QuerySet[Meeting], after: str, size: int) -> Page:
    rows, next_after = dated_page(
        _counted(qs.select_related("unit").only(*LIST_FIELDS, "unit__name", "unit__code")),
        field="date",
        after=after,
        size=size,
        descending=True,
    )
    return Page(rows, next_after)


def _items() -> Prefetch:
    return Prefetch(
        "items", queryset=Item.objects.select_related("followup", "forwarded_to").order_by("number")
    )


def meeting_get(*, user: Any, pk: int, action: str = "records.read") -> Meeting:
    return get_or_404(
        _counted(Meeting.objects.select_related("unit").prefetch_related(_items())),
        user,
        action,
        path_field=PATH,
        pk=pk,
    )


def commitments(meeting: Meeting) -> list[FollowUp]:
    """The meeting's follow-ups that answer no one question."""
    linked = {i.followup_id for i in meeting.items.all() if i.followup_id}
    return [f for f in of_origins([meeting]).get(meeting.pk, []) if f.pk not in linked]


def public_meetings(*, unit: Unit, year: int, after: str = "", size: int = 50) -> Page:
    qs = Meeting.objects.filter(unit=unit, kind__in=PUBLIC_KINDS, date__year=year)
    return _page(qs, after, size)


def public_meeting_get(*, pk: int) -> Meeting:
    found = (
        Meeting.objects.select_related("unit")
        .prefetch_related(_items())
        .filter(pk=pk, kind__in=PUBLIC_KINDS)
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class YearCheck:
    year: int
    held: int
    minimum: int | None
    citation: str

    @property
    def short(self) -> bool:
        return self.minimum is not None and self.held < self.minimum


def dialogue_year(*, unit: Unit, year: int) -> YearCheck | None:
    """How many dialogues the unit held in `year` — conferences with residents for a
    commune, workplace dialogues for an agency or enterprise — against the law's
    minimum in force at the year's end (None for a unit that owes none)."""
    kind, code = next(((k, c) for k, c in MINIMUMS.items() if unit.kind in WHERE[k]), (None, None))
    if kind is None or code is None:
        return None
    held = Meeting.objects.filter(unit=unit, kind=kind, date__year=year).count()
    try:
        frequency = rules.value(code, on=dt.date(year, 12, 31))
        citation = rules.citation(code, on=dt.date(year, 12, 31))
    except RuleMissing:
        return YearCheck(year, held, None, "")
    return YearCheck(year, held, int(frequency["times"]), citation)


def public_commitments(*, unit: Unit, year: int) -> dict[str, int]:
    """The commune's commitments from its public meetings of `year`, by status."""
    ids = Meeting.objects.filter(unit=unit, kind__in=PUBLIC_KINDS, date__year=year).values("id")
    rows = made_from(Meeting, ids=ids).values("status").annotate(n=Count("id"))
    return {r["status"]: r["n"] for r in rows}


def calendar_meetings(*, unit: Unit, since: dt.date) -> QuerySet[Meeting]:
    """The dialogues and voter meetings held in `unit` and the units below it from
    `since`, for its public calendar (coso.calendars)."""
    return (
        Meeting.objects.filter(
            unit__in=units_under(unit=unit), kind__in=PUBLIC_KINDS, date__gte=since
        )
        .only("id", "kind", "date", "place", "chair")
        .order_by("date", "id")
    )
