"""The concerns view's reads: topics ranked by the households (then the records) that
raised them in a unit's subtree over a period, beside the period before; a topic's
communes (or a nation's provinces). Read from the maintained figures only
(`coso.reports.selectors`), so a page costs the same whatever the nation's size: the
figures of both periods in one query (a span: one per period), the catalogue in one."""

from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from coso.concerns import topics
from coso.concerns.indicators import (
    HOUSEHOLDS,
    RECORDS,
    households_code,
    records_code,
)
from coso.reports import Period
from coso.reports import selectors as figures
from coso.units import selectors as units
from coso.units.selectors import Unit, UnitKind


@dataclass(frozen=True)
class Entry:
    """One topic of the catalogue, as the view names it."""

    code: str
    parent: str | None
    label: str
    retired: bool
    order: int


def catalogue() -> dict[str, Entry]:
    """Every topic (retired ones too: old records still name them)."""
    return {
        e.code: Entry(e.code, e.parent, topics.label(e.code), e.retired_on is not None, e.order)
        for e in topics.catalogue().entries
    }


def topic_or_404(code: str) -> Entry:
    found = catalogue().get(code)
    if found is None:
        raise Http404
    return found


@dataclass
class Count:
    """A topic's (or every topic's) figures now and in the period before."""

    households: int = 0
    records: int = 0
    households_before: int = 0
    records_before: int = 0

    @property
    def change(self) -> int:
        return self.households - self.households_before

    @property
    def key(self) -> tuple[int, int]:
        return (-self.households, -self.records)


def _count(now: dict[str, int], before: dict[str, int], households: str, records: str) -> Count:
    return Count(
        now.get(households, 0),
        now.get(records, 0),
        before.get(households, 0),
        before.get(records, 0),
    )


@dataclass
class Ranked:
    topic: Entry
    count: Count
    children: list["Ranked"] = field(default_factory=list)


def _both(unit: Unit | None, period: Period) -> tuple[dict[str, int], dict[str, int]]:
    """The figures of `period` and of the one before, for `unit`'s subtree — a
    commune's own (its villages' records count for it): read by its id, an indexed read,
    where a prefix of the path makes PostgreSQL scan every commune's figures."""
    if unit is not None and unit.kind == UnitKind.COMMUNE:
        before = figures.own_figures(unit=unit, period=period.previous())
        return figures.own_figures(unit=unit, period=period), before
    (_p, before), (_q, now) = figures.series(unit=unit, period=period, count=2)
    return now, before


def ranked(*, unit: Unit | None, period: Period) -> tuple[Count, list[Ranked]]:
    """Every topic's count with a figure in either period, first-level topics ranked
    by households then records, each with its subtopics ranked the same way; and every
    topic's together."""
    now, before = _both(unit, period)
    topics = catalogue()
    found: dict[str, Ranked] = {}
    for entry in sorted(topics.values(), key=lambda e: (e.parent is not None, e.order, e.code)):
        count = _count(now, before, households_code(entry.code), records_code(entry.code))
        if not (count.households or count.records or count.households_before):
            continue
        row = Ranked(entry, count)
        if entry.parent is None:
            found[entry.code] = row
        elif entry.parent in found:
            found[entry.parent].children.append(row)
    top = sorted(found.values(), key=lambda r: r.count.key)
    for row in top:
        row.children.sort(key=lambda r: r.count.key)
    return _count(now, before, HOUSEHOLDS, RECORDS), top


@dataclass(frozen=True)
class Place:
    """Where a topic was raised: a commune (a province's own level), or a province."""

    unit_id: int | None  # None: the province's own level, the rest of its subtree
    code: str
    name: str
    count: Count


def _places(
    rows: dict[int, dict[str, int]], before: dict[int, dict[str, int]], codes: tuple[str, str]
) -> list[tuple[int, Count]]:
    found = []
    for pk in set(rows) | set(before):
        count = _count(rows.get(pk, {}), before.get(pk, {}), *codes)
        if count.households or count.records or count.households_before:
            found.append((pk, count))
    return found


def where(*, unit: Unit | None, period: Period, topic: str) -> tuple[Count, list[Place]]:
    """Where `topic` was raised under `unit` (the nation: by province; a province: by
    commune, its own level last), most households first, with the total."""
    codes = (households_code(topic), records_code(topic))
    if unit is None:
        return _provinces(period, codes)
    if unit.kind != UnitKind.PROVINCE:
        now, before = _both(unit, period)
        count = _count(now, before, *codes)
        return count, [Place(unit.pk, unit.code, unit.name, count)]
    chosen = [period.previous(), period]
    own, by_period = figures.province_over(unit=unit, chosen=chosen, codes=set(codes))
    total = _count(own[1], own[0], *codes)
    found = _places(by_period[period.code], by_period[chosen[0].code], codes)
    named = units.current_units().filter(pk__in=[pk for pk, _c in found])
    names = {pk: (code, name) for pk, code, name in named.values_list("pk", "code", "name")}
    places = [Place(pk, *names[pk], count) for pk, count in found if pk in names]
    places.sort(key=lambda p: (p.count.key, p.name))
    rest = _rest(total, [p.count for p in places])
    if rest.households or rest.records:
        places.append(Place(None, unit.code, _("Cấp tỉnh và cơ quan trực thuộc tiếp nhận"), rest))
    return total, places


def _rest(total: Count, parts: list[Count], sign: int = 1) -> Count:
    """What the province itself (and its agencies) received: the total less its
    communes' (with `sign` -1: the parts added up)."""
    return Count(
        *(
            getattr(total, name) - sign * sum(getattr(c, name) for c in parts)
            for name in ("households", "records", "households_before", "records_before")
        )
    )


def _provinces(period: Period, codes: tuple[str, str]) -> tuple[Count, list[Place]]:
    now_rows = figures.by_sub_unit(unit=None, period=period)
    before_rows = figures.by_sub_unit(unit=None, period=period.previous())
    index: dict[int, Any] = {r.unit.pk: r.unit for r in [*now_rows, *before_rows]}
    found = _places(
        {r.unit.pk: r.values for r in now_rows}, {r.unit.pk: r.values for r in before_rows}, codes
    )
    places = [Place(pk, index[pk].code, index[pk].name, c) for pk, c in found]
    places.sort(key=lambda p: (p.count.key, p.name))
    return _rest(Count(), [p.count for p in places], sign=-1), places
