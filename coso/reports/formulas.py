"""The indices' formulas as the rulebook holds them (`index.participation`,
`index.satisfaction`, `survey.min_sample`): the version in force at a period's end
computes that period, so a later change of formula never rewrites an old score — and
scores are compared only when computed by the same version."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from coso.reports import indices
from coso.reports.periods import Period
from coso.rules import services as rules

MIN_SAMPLE = "survey.min_sample"


@dataclass(frozen=True)
class Formulas:
    participation: dict[str, Any]
    satisfaction: dict[str, Any]
    min_sample: int

    @property
    def versions(self) -> tuple[int, int]:
        """(participation, satisfaction) formula versions: a change breaks a series."""
        return int(self.participation["version"]), int(self.satisfaction["version"])


def formulas_on(day: dt.date | None = None) -> Formulas | None:
    """The formulas in force on `day` (today), None before they were (three queries)."""
    return formulas_over([day or timezone.localdate()])[0]


def formulas_over(days: Sequence[dt.date]) -> list[Formulas | None]:
    """The formulas in force on each of `days` (one query per rule, whatever their
    number); None for a day before any version of one of them."""
    first, last = min(days), max(days)
    found = [
        rules.versions_between(code, first, last)
        for code in (indices.PARTICIPATION, indices.SATISFACTION, MIN_SAMPLE)
    ]

    def on(versions: list[tuple[dt.date, dt.date, Any]], day: dt.date) -> Any:
        return next((v for start, end, v in versions if start <= day <= end), None)

    out: list[Formulas | None] = []
    for day in days:
        shown = [on(versions, day) for versions in found]
        out.append(None if None in shown else Formulas(shown[0], shown[1], int(shown[2])))
    return out


def for_periods(chosen: Sequence[Period]) -> list[Formulas | None]:
    """The formulas computing each period: those in force at its end."""
    return formulas_over([p.end for p in chosen])


def citations() -> dict[str, str]:
    """Each index rule's citation as in force today, by a short name (the footnotes)."""
    names = {
        "participation": indices.PARTICIPATION,
        "satisfaction": indices.SATISFACTION,
        "min_sample": MIN_SAMPLE,
    }
    out = {}
    for name, code in names.items():
        try:
            out[name] = rules.citation(code)
        except rules.RuleMissing:
            out[name] = ""
    return out
