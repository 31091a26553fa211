"""Reads of petitions: work lists by urgency (keyset-paginated), the province roll-up
and public statistics in SQL, the sender's tracking page. Never the denouncer's identity."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from coso import rules
from coso.core.codes import normalise
from coso.core.pagination import dated_page
from coso.core.permissions import get_or_404
from coso.core.scoping import scoped
from coso.petitions.models import CLOSED_STATUSES, OPEN_STATUSES, Kind, Petition, Status
from coso.units.models import Unit, UnitKind

PATH = "unit__path"
# Columns a list may show: no sender, no identity, no contact.
LIST_FIELDS = (
    "id",
    "tracking_code",
    "kind",
    "category",
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


@dataclass(frozen=True)
class WorkPage:
    items: list[Petition]
    next_after: str | None
    today: dt.date
    soon: dt.date


def urgency(petition: Petition, today: dt.date, soon: dt.date) -> str:
    if petition.next_due is None:
        return "closed"
    if petition.next_due < today:
        return "overdue"
    return "soon" if petition.next_due <= soon else "on_time"


def worklist(
    *, user: Any, unit: Unit, kind: str = "", which: str = "", after: str = "", size: int = 50
) -> WorkPage:
    """The unit's open petitions, most urgent first (deadline, then id), one query."""
    today = timezone.localdate()
    soon = rules.add_working_days(today, settings.COSO_PETITION_SOON_DAYS)
    qs = (
        petitions_for_user(user=user)
        .filter(unit__path__startswith=unit.path, status__in=OPEN_STATUSES)
        .only(*LIST_FIELDS)
    )
    if kind:
        qs = qs.filter(kind=kind)
    if which == "overdue":
        qs = qs.filter(next_due__lt=today)
    elif which == "soon":
        qs = qs.filter(next_due__gte=today, next_due__lte=soon)
    elif which == "on_time":
        qs = qs.filter(next_due__gt=soon)
    rows, next_after = dated_page(qs, field="next_due", after=after, size=size)
    for row in rows:
        row.urgency = urgency(row, today, soon)  # type: ignore[attr-defined]
    return WorkPage(rows, next_after, today, soon)


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
