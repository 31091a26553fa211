"""What each warning rule tests, read from what is already kept: the maintained
figures (`reports.selectors.units_where`), the periodic reports not sent
(`reports.selectors.reports_late`) and the hotspots still open
(`concerns.selectors.open_hotspots_older_than`). Each check is one query or a fixed
few, whatever the number of units, and says which warnings it settles.

A rule's value (coso/rules/catalogue/concerns.py, `WARNINGS`) names its `test`:
- `at_least`: the year's `figure` is at least `min`;
- `share_above`: `part` / `whole` of the year is above `numerator` / `denominator`,
  when `whole` is at least `min_whole`;
- `share_below`: the same share is below it (a duty done too rarely);
- `report_late`: a periodic report not sent `default` days after its due day;
- `hotspot_open`: a hotspot open for more than `default` days.
The year's figures are checked from the day of the year `from` ("MM-DD") on, if given.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q
from django.db.models.lookups import GreaterThan, LessThan

from coso.concerns import selectors as concerns
from coso.reports import YEAR, period_of_kind
from coso.reports import selectors as figures
from coso.units.selectors import provinces_of

# The rules the scan reads, in the order a page lists them.
CODES = (
    "warning.disclosure.missing",
    "warning.petitions.overdue_share",
    "warning.dialogue.behind",
    "warning.reception.behind",
    "warning.decision.quorum_missing",
    "warning.report.late",
    "warning.pib.unanswered",
    "warning.hotspot.open_long",
)


@dataclass(frozen=True)
class Found:
    """A unit found in breach of a rule, about `key` (a year, a report, a hotspot)."""

    unit_id: int
    province_id: int
    key: str
    details: dict[str, Any]


@dataclass(frozen=True)
class Checked:
    """What one rule's check found, and the keys whose open warnings it settles (None:
    every open warning of the rule): those not found again close."""

    found: list[Found]
    keys: set[str] | None = field(default=None)


def _from(value: dict[str, Any], today: dt.date) -> bool:
    """Whether the year's figures are checked yet (the rule's `from` day has come)."""
    start = value.get("from")
    if not start:
        return True
    month, day = (int(part) for part in start.split("-"))
    return today >= dt.date(today.year, month, day)


def _year_check(
    value: dict[str, Any], today: dt.date, names: dict[str, str], condition: Any
) -> Checked:
    year = period_of_kind(YEAR, today)
    if not _from(value, today):
        return Checked([], {year.code})
    rows = figures.units_where(period=year, figures=names, condition=condition)
    found = [
        Found(
            r.unit_id,
            r.province_id,
            year.code,
            {"figures": {names[a]: n for a, n in r.values.items()}, "period": year.code},
        )
        for r in rows
    ]
    return Checked(found, {year.code})


def _at_least(value: dict[str, Any], today: dt.date) -> Checked:
    return _year_check(value, today, {"n": value["figure"]}, Q(n__gte=value["min"]))


def _share(value: dict[str, Any], today: dt.date, above: bool) -> Checked:
    part, whole = F("part") * value["denominator"], F("whole") * value["numerator"]
    compare: Any = GreaterThan(part, whole) if above else LessThan(part, whole)
    condition = Q(whole__gte=value["min_whole"]) & Q(compare)
    names = {"part": value["part"], "whole": value["whole"]}
    return _year_check(value, today, names, condition)


def _report_late(value: dict[str, Any], today: dt.date) -> Checked:
    late = figures.reports_late(today=today, days=value["default"])
    provinces = provinces_of(unit_ids={r.unit_id for r in late})
    found = [
        Found(
            r.unit_id,
            provinces.get(r.unit_id, r.unit_id),
            f"report:{r.type_id}:{r.period}",
            {"report": r.title, "period": r.period_label, "due_on": r.due_on.isoformat()},
        )
        for r in late
    ]
    return Checked(found)


def _hotspot_open(value: dict[str, Any], today: dt.date) -> Checked:
    since = today - dt.timedelta(days=value["default"])
    found = [
        Found(
            h.commune_id,
            h.province_id,
            f"hotspot:{h.pk}",
            {
                "hotspot": h.pk,
                "topic": h.topic,
                "opened_on": h.opened_on.isoformat(),
                "households": h.households,
            },
        )
        for h in concerns.open_hotspots_older_than(since)
    ]
    return Checked(found)


TESTS: dict[str, Callable[[dict[str, Any], dt.date], Checked]] = {
    "at_least": _at_least,
    "share_above": lambda value, today: _share(value, today, above=True),
    "share_below": lambda value, today: _share(value, today, above=False),
    "report_late": _report_late,
    "hotspot_open": _hotspot_open,
}


def check(value: dict[str, Any], today: dt.date) -> Checked:
    """Run the test a rule's value names."""
    return TESTS[value["test"]](value, today)
