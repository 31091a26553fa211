"""The indicator registry: what each app's records can be counted as, declared by the app.

Every app that produces countable records declares, in its own `indicators.py`, one
`Source`: the indicators it answers (code, label, definition, unit of measure, the
records counted, the basis — e.g. the outline of a Conclusion 120 report) and one SQL
aggregate that computes all of them for a set of reporting units and a date range. The
reports app discovers these modules (as the admin discovers `admin.py`), keeps the
values in one maintained table and builds figures from that table only.

A reporting unit is where figures are kept: a commune, an agency or enterprise, or a
province for what the province itself receives. Records of a village count for its
commune.

When a service changes a record it calls `touched()`: in the change's transaction, the
reports app records which unit, source and periods are stale (one upsert), and its
worker (`coso indicators work`) recomputes them out of the request — a fixed amount of
work whatever the size of the nation.
"""

import contextvars
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    StrOrPromise = str  # labels are lazy translations (Vietnamese first, English too)

# Figures over several periods: flows (received, resolved) add up; stocks (households,
# petitions open at the end) are read at the last period's end.
SUM = "sum"
LAST = "last"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: StrOrPromise
    definition: StrOrPromise
    measure: StrOrPromise  # the unit of measure, as read on a report: "hộ", "đơn", "buổi"…
    counts: str  # the records it counts, for the reader who follows the figure down
    basis: StrOrPromise = ""  # what it answers: a report outline's item, a law's article
    over_time: str = SUM
    version: int = 1


@dataclass(frozen=True)
class Ratio:
    """A share computed from two indicators (after summing them over units)."""

    code: str
    label: StrOrPromise
    numerator: str
    denominator: str
    basis: StrOrPromise = ""


Compute = Callable[[Sequence[int] | None, dt.date, dt.date], dict[int, dict[str, int]]]
# (indicator code, a reporting unit, start, end) -> the page listing the records it counts
Drill = Callable[[str, Any, dt.date, dt.date], str | None]


@dataclass(frozen=True)
class Source:
    """One app's indicators and the aggregate that computes them.

    `compute(unit_ids, start, end)` returns {reporting unit id: {indicator code: value}}
    for the records of `unit_ids` (every unit when None) in [start, end], in one query
    or a fixed few, grouped by reporting unit in SQL.

    `family`, if given, names more indicators from data the app keeps (one per topic of
    a catalogue an administrator edits): it is asked when the registry is built again —
    at most once a `FAMILY_TTL`, or at once after `families_changed()` in this process.
    It names every indicator it ever named (retired ones too), so that their figures
    are still replaced on a refresh.
    """

    name: str
    indicators: tuple[Indicator, ...]
    compute: Compute
    ratios: tuple[Ratio, ...] = field(default_factory=tuple)
    drill: Drill | None = None
    family: Callable[[], tuple[Indicator, ...]] | None = None

    def every(self) -> tuple[Indicator, ...]:
        """Its indicators, those its family names included."""
        if self.family is None:
            return self.indicators
        return self.indicators + _families()[self.name]


def column(code: str) -> str:
    """An indicator code as an SQL alias (a source counting several in one GROUP BY)."""
    return code.replace(".", "__")


_SOURCES: dict[str, Source] = {}
_RECORDERS: list[Callable[[str, int, set[dt.date]], None]] = []


def register(source: Source) -> Source:
    """Declare an app's source (called from its indicators.py)."""
    codes = {i.code for s in _SOURCES.values() if s.name != source.name for i in s.indicators}
    clash = codes & {i.code for i in source.indicators}
    if clash:
        raise ValueError(f"indicator codes declared twice: {sorted(clash)}")
    _SOURCES[source.name] = source
    return source


def sources() -> list[Source]:
    return list(_SOURCES.values())


# How long a process keeps the indicators a family named before asking it again (another
# process's change of the catalogue shows within this time).
FAMILY_TTL = 60.0
_GENERATION = [0]


def families_changed() -> None:
    """The data behind a family changed: this process builds the registry again."""
    _GENERATION[0] += 1


def _generation() -> tuple[int, int]:
    return _GENERATION[0], int(time.monotonic() // FAMILY_TTL)


def _families() -> dict[str, tuple[Indicator, ...]]:
    return _asked(tuple(map(id, _SOURCES.values())), _generation())


@lru_cache(maxsize=4)
def _asked(
    registered: tuple[int, ...], generation: tuple[int, int]
) -> dict[str, tuple[Indicator, ...]]:
    del registered, generation  # the cache's key
    return {s.name: s.family() for s in _SOURCES.values() if s.family is not None}


def _by_code() -> tuple[dict[str, Indicator], dict[str, Ratio]]:
    """The indicators and ratios by code, built once per state of the registry (a
    page asks for labels dozens of times)."""
    return _built(tuple(map(id, _SOURCES.values())), _generation())


@lru_cache(maxsize=4)
def _built(
    registered: tuple[int, ...], generation: tuple[int, int]
) -> tuple[dict[str, Indicator], dict[str, Ratio]]:
    del registered, generation  # the cache's key: which sources, which families
    found = {i.code: i for s in _SOURCES.values() for i in s.every()}
    return found, {r.code: r for s in _SOURCES.values() for r in s.ratios}


def indicators() -> dict[str, Indicator]:
    return dict(_by_code()[0])


def indicator(code: str) -> Indicator | Ratio | None:
    """One indicator or ratio by its code (None if no app declares it)."""
    found, shares = _by_code()
    return found.get(code) or shares.get(code)


def ratios() -> dict[str, Ratio]:
    return dict(_by_code()[1])


def on_touch(recorder: Callable[[str, int, set[dt.date]], None]) -> None:
    """The reports app's recorder, called in the change's transaction for every
    touched unit."""
    if recorder not in _RECORDERS:
        _RECORDERS.append(recorder)


_DEFERRED = contextvars.ContextVar("indicators_deferred", default=False)


@contextmanager
def deferred() -> Iterator[None]:
    """Bulk writes (the demo's seeds) that end with a full `coso indicators refresh`:
    no touch recorded for each record."""
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def touched(source: str, unit_id: int | None, days: Iterable[dt.date | None]) -> None:
    """A record of `source` at `unit_id` (any unit: a village counts for its commune)
    changed; the periods containing `days` (and today) need their figures again."""
    if unit_id is None or _DEFERRED.get():
        return
    wanted = {d for d in days if d is not None}
    # Recorded with the change (a rolled-back change leaves no touch); the figures are
    # refreshed by the worker, not by the request.
    for recorder in _RECORDERS:
        recorder(source, unit_id, wanted)


def records_url(code: str, unit: Any, start: dt.date, end: dt.date) -> str | None:
    """Where the records behind `code` for `unit` are listed, if its app says."""
    for source in _SOURCES.values():
        if source.drill is not None and any(i.code == code for i in source.every()):
            return source.drill(code, unit, start, end)
    return None


def reporting_unit(unit: Any) -> int:
    """The id under which a unit's records are counted: a village's commune."""
    from_parent = getattr(unit, "is_community", False)
    return unit.parent_id if from_parent else unit.pk
