"""What other apps read of concerns. They name a topic by its code and read the
catalogue only through these (coso/concerns/topics.py keeps it)."""

import datetime as dt
from dataclasses import dataclass

from coso.concerns.models import Hotspot, HotspotStatus
from coso.concerns.topics import (
    OTHER,
    Catalogue,
    Entry,
    active,
    catalogue,
    choices,
    full_label,
    is_topic,
    label,
    revision,
    suggest,
    top_of,
)

__all__ = [
    "OTHER",
    "Catalogue",
    "Entry",
    "active",
    "catalogue",
    "choices",
    "full_label",
    "is_topic",
    "label",
    "revision",
    "suggest",
    "top_of",
]


# --- Warnings (issue 21, part E): hotspots open too long, for coso/alerts' scan. ---


@dataclass(frozen=True)
class OpenHotspot:
    pk: int
    commune_id: int
    province_id: int
    topic: str  # the first-level topic's code
    opened_on: dt.date
    households: int


def open_hotspots_older_than(day: dt.date) -> list[OpenHotspot]:
    """The hotspots still open that were opened before `day` (one query)."""
    rows = Hotspot.objects.filter(status=HotspotStatus.OPEN, opened_on__lt=day).values_list(
        "pk", "commune_id", "province_id", "topic__code", "opened_on", "households"
    )
    return [OpenHotspot(*row) for row in rows.order_by("pk")]
