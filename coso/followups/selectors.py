"""Reads of follow-ups: the owning unit's work list by urgency (keyset-paginated, one
query), a record with its steps and evidence, the follow-ups of one origin or made from
a kind of record. Other apps name `FollowUp` and its `Status` from here, never from
`followups.models`."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, Q, QuerySet
from django.utils import timezone

from coso.core.pagination import count_up_to, dated_page
from coso.core.permissions import get_or_404, scoped_for
from coso.followups.models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Evidence,
    FollowUp,
    Status,
    Step,
)
from coso.units.selectors import Unit, units_under

__all__ = [
    "FollowUp",
    "Status",
    "WorkPage",
    "awaiting_confirmation",
    "evidence_get",
    "followup_get",
    "made_from",
    "of_origins",
    "open_at",
    "raised_by",
    "urgency",
    "worklist",
]

PATH = "unit__path"
# Columns a list may show: nobody's name or contact.
LIST_FIELDS = (
    "id",
    "text",
    "topic",
    "unit_id",
    "owner_name",
    "opened_on",
    "due_on",
    "status",
    "closed_on",
    "on_time",
    "response",
    "origin_label",
    "origin_type_id",
    "origin_id",
)
WHICH = ("open", "overdue", "soon", "closed")


@dataclass(frozen=True)
class WorkPage:
    items: list[FollowUp]
    next_after: str | None
    today: dt.date
    count: int = 0
    as_of: dt.date | None = None  # a past day the list is read at (a period's end)
    more: bool = False  # more rows than `count` (see count_up_to)


def open_at(day: dt.date) -> Q:
    """Opened by `day` and not closed by then."""
    return Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def urgency(followup: FollowUp, today: dt.date, soon: dt.date) -> str:
    if followup.status in CLOSED_STATUSES:
        return "closed"
    if followup.due_on < today:
        return "overdue"
    return "soon" if followup.due_on <= soon else "on_time"


def _soon(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=settings.COSO_FOLLOWUP_SOON_DAYS)


def worklist(
    *,
    user: Any,
    unit: Unit,
    which: str = "open",
    query: str = "",
    after: str = "",
    size: int = 50,
    as_of: dt.date | None = None,
) -> WorkPage:
    """The follow-ups owned by `unit` and the units below it, earliest due first (open
    ones by default; `overdue`, `soon`, `closed`), with their count — two queries. With
    a past `as_of` (a period's end, from a dashboard's figure), the open or overdue ones
    as they stood that day, as the figure counted them."""
    today = timezone.localdate()
    past = as_of is not None and as_of < today and which in ("open", "overdue")
    day = as_of if past and as_of is not None else today
    qs = scoped_for(FollowUp.objects.all(), user, "records.read", path_field=PATH).filter(
        unit__in=units_under(unit=unit)
    )
    if past:
        qs = qs.filter(open_at(day))
    elif which == "closed":
        qs = qs.filter(status__in=CLOSED_STATUSES)
    else:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if which == "overdue":
        qs = qs.filter(due_on__lt=day)
    elif which == "soon":
        qs = qs.filter(due_on__gte=today, due_on__lte=_soon(today))
    if query.strip():
        qs = qs.filter(Q(text__icontains=query.strip()) | Q(owner_name__icontains=query.strip()))
    rows, next_after = dated_page(qs.only(*LIST_FIELDS), field="due_on", after=after, size=size)
    soon = _soon(today)
    for row in rows:
        late = (day - row.due_on).days
        # On a past day, what counted then: overdue or not, whatever became of it since.
        row.urgency = ("overdue" if late > 0 else "on_time") if past else urgency(row, today, soon)  # type: ignore[attr-defined]
        row.days_late = max(0, late)  # type: ignore[attr-defined]
    count, more = count_up_to(qs.filter(due_on__isnull=False))
    return WorkPage(rows, next_after, day, count, day if past else None, more)


def _with_history(qs: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
    return qs.select_related("unit", "owner").prefetch_related(
        Prefetch("steps", queryset=Step.objects.select_related("actor").prefetch_related("files")),
    )


def followup_get(*, user: Any, pk: int, action: str = "records.read") -> FollowUp:
    return get_or_404(_with_history(FollowUp.objects.all()), user, action, path_field=PATH, pk=pk)


def evidence_get(*, user: Any, pk: int) -> Evidence:
    return get_or_404(
        Evidence.objects.select_related("followup"),
        user,
        "records.read",
        path_field="followup__unit__path",
        pk=pk,
    )


def of_origins(origins: list[Model]) -> dict[int, list[FollowUp]]:
    """The follow-ups of each of `origins` (records of one model), by origin id: one
    query whatever their number."""
    if not origins:
        return {}
    kind = ContentType.objects.get_for_model(origins[0])
    rows = (
        FollowUp.objects.filter(origin_type=kind, origin_id__in=[o.pk for o in origins])
        .select_related("unit")
        .order_by("due_on", "id")
    )
    found: dict[int, list[FollowUp]] = {}
    for row in rows:
        found.setdefault(row.origin_id, []).append(row)
    return found


def made_from(*models: type[Model], ids: Any = None) -> QuerySet[FollowUp]:
    """The follow-ups made from records of `models` (a meeting, an inspection plan…):
    all of them, or those of the records `ids` (a list or a subquery)."""
    kinds = [ContentType.objects.get_for_model(m) for m in models]
    made = (
        FollowUp.objects.filter(origin_type=kinds[0])
        if len(kinds) == 1
        else FollowUp.objects.filter(origin_type__in=kinds)
    )
    return made if ids is None else made.filter(origin_id__in=ids)


def awaiting_confirmation(*, household: Any) -> QuerySet[FollowUp]:
    """What the household raised that is reported done, or shown impossible, and waits
    for the household to confirm it or object."""
    return (
        FollowUp.objects.filter(household=household, status__in=CLOSED_STATUSES, response="")
        .select_related("unit")
        .only("id", "text", "status", "closed_on", "confirm_code", "unit__name")
        .order_by("closed_on", "id")
    )


def raised_by(*, household: Any) -> QuerySet[FollowUp]:
    """The follow-ups the household raised (it entered their codes while signed in),
    soonest due first."""
    return (
        FollowUp.objects.filter(household=household).select_related("unit").order_by("due_on", "id")
    )


def calendar_due(*, user: Any) -> QuerySet[FollowUp]:
    """The open follow-ups of the units `user` may read, for their private calendar:
    the due date and the owning unit only, never who raised it."""
    return (
        scoped_for(FollowUp.objects.all(), user, "records.read", path_field=PATH)
        .filter(status__in=OPEN_STATUSES)
        .select_related("unit")
        .only("id", "due_on", "unit__name")
        .order_by("due_on", "id")
    )
