"""Concerns written the way the channels' `raised()` writes them (a Concern and its
ConcernTopic rows), then `attach` called, as the hotspot tests need them."""

import datetime as dt
import itertools
from typing import Any

from coso.concerns.hotspots import attach
from coso.concerns.models import Channel, Concern, ConcernTopic, Topic
from coso.people.tests.factories import adult, make_household

# Record ids far from those of the petitions a test makes (which raise their own).
_serial = itertools.count(10**6)


def households_of(village: Any, n: int, prefix: str = "H") -> list[Any]:
    """`n` households of the village, each with one adult named after its number."""
    return [
        make_household(village, f"{prefix}{i}", members=[adult(f"Lò Văn Hộ{i}")])
        for i in range(1, n + 1)
    ]


def raise_concern(
    village: Any,
    topic: str = "land.compensation",
    *,
    household: Any = None,
    on: dt.date | None = None,
    people: int = 1,
    channel: str = Channel.PETITION,
    attach_rows: bool = True,
) -> list[ConcernTopic]:
    """One record raised in `village` on `topic`; its rows (attached unless told not)."""
    commune = village.parent if village.kind == "village" else village
    day = on or dt.date.today()
    n = next(_serial)
    concern = Concern.objects.create(
        channel=channel,
        record_type="petitions.petition",
        record_id=str(n),
        label=f"Đơn số {n}",
        url=f"/app/petitions/{n}/",
        unit=village,
        commune=commune,
        province_id=commune.parent_id,
        village=village,
        household=household,
        people=people,
        raised_on=day,
        suggested=[topic],
    )
    found = Topic.objects.select_related("parent").get(code=topic)
    rows = [
        ConcernTopic.objects.create(
            concern=concern,
            topic=found,
            top=found.parent or found,
            commune=commune,
            province_id=commune.parent_id,
            household=household,
            raised_on=day,
        )
    ]
    if attach_rows:
        attach(rows)
    return rows
