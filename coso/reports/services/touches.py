"""Figures refreshed out of the request.

A change records, in its own transaction, which unit, source and periods it touched
(`touch_record`, one upsert: many changes of one unit, source and period are one row).
The worker (`coso indicators work`, `touches_work`) claims touches with a conditional
UPDATE, refreshes each source and period once for all the units claimed, and deletes
only the touches it refreshed: a touch made meanwhile clears the claim and is kept for
the next run; a refresh that fails gives its touches back at once, and those of a
worker killed midway are claimed again after `STALE`.
"""

import datetime as dt
import uuid
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coso.core import indicators, pagecache
from coso.reports import periods
from coso.reports.models import FigureTouch
from coso.reports.services.figures import periods_between, refresh
from coso.units.selectors import Unit, provinces_of

# A claim older than this belongs to a worker that died: its touches are claimed again
# (refreshing twice is harmless, losing a touch is not).
STALE = dt.timedelta(minutes=15)


def touch_record(source: str, unit_id: int, days: set[dt.date]) -> None:
    """In the change's transaction: the figures of `source` at `unit_id` are stale for
    every period from the earliest of `days` to today (a stock such as "open at the
    period's end" changes in each of them). One query, whatever the number of periods."""
    today = timezone.localdate()
    now = timezone.now()
    FigureTouch.objects.bulk_create(
        [
            FigureTouch(unit_id=unit_id, source=source, period=period.code, since=now)
            for period in periods_between(min([*days, today]), max([*days, today]))
        ],
        update_conflicts=True,
        unique_fields=["source", "period", "unit"],
        update_fields=["claim", "claimed_at"],  # cleared: refreshed again even if claimed
    )


def _claim(token: uuid.UUID, now: dt.datetime, limit: int) -> list[tuple[int, int, str, str]]:
    """Claim up to `limit` touches, oldest first, that no live worker holds; return
    (id, unit id, source, period) of those claimed."""
    free = Q(claim__isnull=True) | Q(claimed_at__lt=now - STALE)
    with transaction.atomic():
        ids = list(
            FigureTouch.objects.filter(free)
            .order_by("since")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        FigureTouch.objects.filter(free, pk__in=ids).update(claim=token, claimed_at=now)
    return list(
        FigureTouch.objects.filter(claim=token).values_list("pk", "unit_id", "source", "period")
    )


def touches_work(*, limit: int = 500) -> int:
    """Refresh what up to `limit` touches ask for: each source and period once, for all
    the reporting units touched. Returns the touches claimed (0: nothing to do)."""
    token, now = uuid.uuid4(), timezone.now()
    claimed = _claim(token, now, limit)
    if not claimed:
        return 0
    units = Unit.objects.filter(pk__in={unit_id for _, unit_id, _, _ in claimed})
    reporting = {u.pk: indicators.reporting_unit(u) for u in units.only("pk", "kind", "parent")}
    wanted: dict[tuple[str, str], set[int]] = defaultdict(set)
    for _, unit_id, source, period in claimed:
        if unit_id in reporting:  # not deleted since
            wanted[source, period].add(reporting[unit_id])
    try:
        _refresh(token, wanted)
    except Exception:  # a failed refresh gives its touches back; a killed worker's wait
        FigureTouch.objects.filter(claim=token).update(claim=None, claimed_at=None)
        raise
    # The cached pages of those provinces (and the nation's) show the figures: now stale.
    pagecache.bump(provinces=set(provinces_of(unit_ids=reporting.values()).values()))
    # Touched again while being refreshed: what is unrefreshed dates from the claim.
    FigureTouch.objects.filter(pk__in=[pk for pk, *_ in claimed], claim__isnull=True).update(
        since=now
    )
    return len(claimed)


def _refresh(token: uuid.UUID, wanted: dict[tuple[str, str], set[int]]) -> None:
    """Refresh each source and period once; delete its touches still claimed by us."""
    known = {s.name: s for s in indicators.sources()}
    for (source, period), unit_ids in wanted.items():
        if source in known:  # a source no longer declared has nothing to refresh
            refresh(source=known[source], period=periods.parse(period), unit_ids=sorted(unit_ids))
        FigureTouch.objects.filter(claim=token, source=source, period=period).delete()


def oldest_touch_age() -> dt.timedelta | None:
    """How long the oldest unrefreshed change has waited (None: the figures are up to
    date), for the health check."""
    since = FigureTouch.objects.order_by("since").values_list("since", flat=True).first()
    return None if since is None else timezone.now() - since


def figures_waiting() -> dict[str, float | None]:
    """For /healthz: how long the oldest change has waited for `coso indicators work`."""
    age = oldest_touch_age()
    return {"oldest_unrefreshed_seconds": age.total_seconds() if age else None}
