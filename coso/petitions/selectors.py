"""Reads of petitions: work lists by urgency (keyset-paginated), the province roll-up
and public statistics in SQL, the sender's tracking page. Never the denouncer's identity."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, F, Q, QuerySet, When
from django.http import Http404
from django.utils import timezone

from coso import rules
from coso.core.codes import normalise
from coso.core.pagination import count_up_to, dated_page
from coso.core.permissions import get_or_404
from coso.core.scoping import scoped
from coso.petitions.models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Kind,
    Petition,
    ReceptionSession,
    Status,
)
from coso.units.selectors import Unit, UnitKind, units_under

PATH = "unit__path"
# Columns a list may show: no sender, no identity, no contact.
LIST_FIELDS = (
    "id",
    "tracking_code",
    "kind",
    "category",
    "signers",
    "subject",
    "status",
    "received_on",
    "accept_due",
    "due_on",
    "next_due",
    "unit_id",
    "closed_on",
    "on_time",
)


def petitions_for_user(*, user: Any) -> QuerySet[Petition]:
    return scoped(Petition.objects.all(), user, path_field=PATH)


def petition_get(*, user: Any, pk: int, action: str = "records.read") -> Petition:
    return get_or_404(
        Petition.objects.select_related("unit", "village", "handler").defer("identity"),
        user,
        action,
        path_field=PATH,
        pk=pk,
    )


def petition_track(*, code: str) -> Petition:
    """The sender's view by tracking code (404 for an unknown code)."""
    found = (
        Petition.objects.select_related("unit")
        .defer("identity")
        .filter(tracking_code=normalise(code))
        .first()
    )
    if found is None:
        raise Http404
    return found


def open_at(day: dt.date) -> Q:
    """Received by `day` and not closed by then."""
    return Q(received_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def overdue_at(day: dt.date) -> Q:
    """Open at `day` and past the deadline running then: to accept (until accepted), or
    to resolve (once accepted)."""
    waiting = (Q(accepted_on__isnull=True) | Q(accepted_on__gt=day)) & Q(accept_due__lt=day)
    resolving = Q(accepted_on__lte=day, due_on__lt=day)
    return open_at(day) & (waiting | resolving)


@dataclass(frozen=True)
class WorkPage:
    items: Sequence[Petition]
    next_after: str | None
    today: dt.date
    soon: dt.date
    count: int = 0
    as_of: dt.date | None = None  # a past day the list is read at (a period's end)
    more: bool = False  # more rows than `count` (see count_up_to)


def urgency(petition: Petition, today: dt.date, soon: dt.date) -> str:
    if petition.next_due is None:
        return "closed"
    if petition.next_due < today:
        return "overdue"
    return "soon" if petition.next_due <= soon else "on_time"


def worklist(
    *,
    user: Any,
    unit: Unit,
    kind: str = "",
    which: str = "",
    after: str = "",
    size: int = 50,
    as_of: dt.date | None = None,
) -> WorkPage:
    """The unit's open petitions, most urgent first (deadline, then id), with their
    count — two queries. With a past `as_of` (a period's end, from a dashboard's figure):
    those open, or overdue, on that day, as the figure counted them."""
    today = timezone.localdate()
    if as_of is not None and as_of < today:
        return _worklist_at(
            user=user, unit=unit, kind=kind, which=which, after=after, size=size, day=as_of
        )
    soon = rules.add_working_days(today, settings.COSO_PETITION_SOON_DAYS)
    qs = (
        petitions_for_user(user=user)
        .filter(unit__in=units_under(unit=unit), status__in=OPEN_STATUSES)
        .only(*LIST_FIELDS)
    )
    if kind:
        qs = qs.filter(kind=kind)
    if which == "suspended":  # no deadline runs: listed by the day they were received
        qs = qs.filter(status=Status.SUSPENDED)
        rows, next_after = dated_page(qs, field="received_on", after=after, size=size)
        for row in rows:
            row.urgency, row.days_late = "suspended", 0  # type: ignore[attr-defined]
        count, more = count_up_to(qs)
        return WorkPage(rows, next_after, today, soon, count, more=more)
    if which == "overdue":
        qs = qs.filter(next_due__lt=today)
    elif which == "soon":
        qs = qs.filter(next_due__gte=today, next_due__lte=soon)
    elif which == "on_time":
        qs = qs.filter(next_due__gt=soon)
    rows, next_after = dated_page(qs, field="next_due", after=after, size=size)
    for row in rows:
        row.urgency = urgency(row, today, soon)  # type: ignore[attr-defined]
        row.days_late = max(0, (today - row.next_due).days)  # type: ignore[attr-defined, operator]
    count, more = count_up_to(qs.filter(next_due__isnull=False))
    return WorkPage(rows, next_after, today, soon, count, more=more)


def _worklist_at(
    *, user: Any, unit: Unit, kind: str, which: str, after: str, size: int, day: dt.date
) -> WorkPage:
    """The petitions open (or overdue) on a past `day`, by the deadline running then."""
    running = Case(When(accepted_on__lte=day, then=F("due_on")), default=F("accept_due"))
    qs = (
        petitions_for_user(user=user)
        .filter(unit__in=units_under(unit=unit))
        .filter(overdue_at(day) if which == "overdue" else open_at(day))
        .only(*LIST_FIELDS)
        .annotate(due_then=running)
    )
    if kind:
        qs = qs.filter(kind=kind)
    rows, next_after = dated_page(qs, field="due_then", after=after, size=size)
    for row in rows:
        late = (day - row.due_then).days  # type: ignore[attr-defined]
        row.urgency = "overdue" if late > 0 else "on_time"  # type: ignore[attr-defined]
        row.days_late = max(0, late)  # type: ignore[attr-defined]
    count, more = count_up_to(qs.filter(due_then__isnull=False))
    return WorkPage(rows, next_after, day, day, count, day, more)


def province_rollup(*, province: Unit, year: int) -> list[dict[str, Any]]:
    """Per commune and kind: received, open, closed, resolved on time and the on-time
    share, for petitions received in `year` — one aggregate query."""
    rows = (
        Petition.objects.filter(province=province, received_on__year=year)
        .values("unit_id", "unit__name", "kind")
        .annotate(
            received=Count("id"),
            open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
            closed=Count("id", filter=Q(status__in=CLOSED_STATUSES)),
            on_time=Count("id", filter=Q(on_time=True)),
            overdue=Count(
                "id", filter=Q(status__in=OPEN_STATUSES, next_due__lt=timezone.localdate())
            ),
        )
        .order_by("unit__name", "unit_id", "kind")
    )
    result = []
    for row in rows:
        row["on_time_share"] = (
            round(100 * row["on_time"] / row["closed"]) if row["closed"] else None
        )
        result.append(row)
    return result


def public_stats(*, unit: Unit, year: int) -> list[dict[str, Any]]:
    """How many petitions the unit received, resolved and resolved on time this year, by
    kind — counts only, no personal data."""
    qs = Petition.objects.filter(received_on__year=year)
    qs = (
        qs.filter(province=unit)
        if unit.kind == UnitKind.PROVINCE
        else qs.filter(unit__path__startswith=unit.path)
    )
    rows = {
        r["kind"]: r
        for r in qs.values("kind").annotate(
            received=Count("id"),
            resolved=Count("id", filter=Q(status=Status.RESOLVED)),
            on_time=Count("id", filter=Q(status=Status.RESOLVED, on_time=True)),
        )
    }
    return [
        {
            "kind": kind,
            "label": label,
            **rows.get(kind, {"received": 0, "resolved": 0, "on_time": 0}),
        }
        for kind, label in Kind.choices
    ]


def of_household(*, household: Any) -> QuerySet[Petition]:
    """The petitions a signed-in household sent (never a denunciation: it is not tied to
    the household), newest first."""
    return (
        Petition.objects.filter(household=household)
        .select_related("unit")
        .only("tracking_code", "subject", "status", "received_on", "unit__name")
        .order_by("-received_on", "-id")
    )


def calendar_sessions(*, unit: Unit, since: dt.date) -> QuerySet[ReceptionSession]:
    """The citizen-reception days of `unit` and the units below it from `since`, for
    its public calendar (coso.calendars): the schedule is public (LR art. 12)."""
    return ReceptionSession.objects.filter(
        unit__in=units_under(unit=unit), date__gte=since
    ).order_by("date", "id")


def calendar_due(*, user: Any) -> QuerySet[Petition]:
    """The open petitions `user` handles that have a next due date, for their private
    calendar: the tracking code, kind and date only, never the sender."""
    return (
        Petition.objects.filter(handler=user, status__in=OPEN_STATUSES, next_due__isnull=False)
        .only("id", "tracking_code", "kind", "next_due")
        .order_by("next_due", "id")
    )
