"""Reads of hotspots for officials' pages and the dashboards, scoped to the reader's
units: a hotspot of a commune the reader does not hold answers 404. The records listed
are named by their label (no text, no sender's name): the record's own page decides
who reads more."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import Resolver404, resolve

from coso.concerns.models import Concern, ConcernTopic, Hotspot, HotspotStatus
from coso.core.pagination import count_up_to, dated_page
from coso.core.permissions import can, get_or_404, scoped_for
from coso.units.selectors import Unit, units_under

PATH = "commune__path"
# How many open hotspots a dashboard names before linking to the list.
BLOCK_SIZE = 3
STATUSES = {"open": HotspotStatus.OPEN, "closed": HotspotStatus.CLOSED}


@dataclass(frozen=True)
class HotspotPage:
    items: list[Hotspot]
    next_after: str | None
    count: int
    more: bool


def _scoped(user: Any, unit: Unit | None) -> QuerySet[Hotspot]:
    qs = scoped_for(Hotspot.objects.all(), user, "records.read", path_field=PATH)
    if unit is not None:
        qs = qs.filter(commune__in=units_under(unit=unit))
    return qs


def hotspots_of(
    *, user: Any, unit: Unit | None, status: str = "open", after: str = "", size: int = 50
) -> HotspotPage:
    """The hotspots of `unit`'s communes (all the reader holds for None), newest first:
    two queries whatever the list's length."""
    qs = _scoped(user, unit)
    if status in STATUSES:
        qs = qs.filter(status=STATUSES[status])
    listed = qs.select_related("commune", "topic")
    rows, next_after = dated_page(
        listed, field="opened_on", after=after, size=size, descending=True
    )
    count, more = count_up_to(qs)
    return HotspotPage(rows, next_after, count, more)


def hotspot_get(*, user: Any, pk: int, action: str = "records.read") -> Hotspot:
    """One hotspot in a commune where the reader may do `action`, or 404."""
    qs = Hotspot.objects.select_related("commune", "province", "topic", "owner", "followup")
    return get_or_404(qs, user, action, path_field=PATH, pk=pk)


def hotspot_records(
    *, hotspot: Hotspot, after: str = "", size: int = 50
) -> tuple[list[Concern], str | None]:
    """The records attached to the hotspot, newest first (one query): channel, day,
    label and link — never the text or the sender."""
    attached = ConcernTopic.objects.filter(hotspot=hotspot).values("concern_id")
    qs = Concern.objects.filter(pk__in=attached).only(
        "id", "channel", "raised_on", "label", "url", "people", "village_id", "household_id"
    )
    return dated_page(qs, field="raised_on", after=after, size=size, descending=True)


def drill_down(hotspot: Hotspot) -> str | None:
    """The commune's records on the hotspot's topic in the concerns view, when that
    page exists (the concerns view's drill-down)."""
    path = f"/app/units/{hotspot.commune.code}/concerns/{hotspot.topic.code}/records/"
    try:
        resolve(path)
    except Resolver404:
        return None
    return path


def may_handle(user: Any, hotspot: Hotspot) -> bool:
    return can(user, "concerns.write", path=hotspot.commune.path)


def open_on_dashboard(*, user: Any, unit: Unit | None) -> tuple[int, bool, list[Hotspot]]:
    """How many hotspots are open under `unit` (the nation for None) that the reader
    holds, and the newest few: two queries."""
    qs = _scoped(user, unit).filter(status=HotspotStatus.OPEN)
    count, more = count_up_to(qs)
    first = list(qs.select_related("commune", "topic").order_by("-opened_on", "-id")[:BLOCK_SIZE])
    return count, more, first


def open_days(hotspot: Hotspot, today: dt.date) -> int:
    """How long the hotspot has been (or was) open, in days."""
    return ((hotspot.closed_on or today) - hotspot.opened_on).days
