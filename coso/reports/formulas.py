"""The indices' formulas as the rulebook holds them (`index.participation`,
`index.satisfaction`, `survey.min_sample`): the version in force at a period's end
computes that period, so a later change of formula never rewrites an old score — and
scores are compared only when computed by the same version."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from coso.reports import indices
from coso.reports.periods import Period
from coso.rules import services as rules

MIN_SAMPLE = "survey.min_sample"


NAMES = {
    "participation": indices.PARTICIPATION,
    "satisfaction": indices.SATISFACTION,
    "min_sample": MIN_SAMPLE,
}


@dataclass(frozen=True)
class Formulas:
    participation: dict[str, Any]
    satisfaction: dict[str, Any]
    min_sample: int
    # Each rule's citation, by its short name in NAMES (the page's footnotes).
    citations: dict[str, str] = field(default_factory=dict)

    @property
    def versions(self) -> tuple[int, int]:
        """(participation, satisfaction) formula versions: a change breaks a series."""
        return int(self.participation["version"]), int(self.satisfaction["version"])


def formulas_on(day: dt.date | None = None) -> Formulas | None:
    """The formulas in force on `day` (today), None before they were (one query)."""
    return formulas_over([day or timezone.localdate()])[0]


def formulas_over(days: Sequence[dt.date]) -> list[Formulas | None]:
    """The formulas in force on each of `days` (one query, whatever their number);
    None for a day before any version of one of them."""
    found = rules.versions_of(list(NAMES.values()), min(days), max(days))

    def on(code: str, day: dt.date) -> tuple[Any, str] | None:
        return next(((v, c) for a, b, v, c in found[code] if a <= day <= b), None)

    out: list[Formulas | None] = []
    for day in days:
        shown = {name: on(code, day) for name, code in NAMES.items()}
        if None in shown.values():
            out.append(None)
            continue
        (part, cited_p), (sat, cited_s), (least, cited_m) = shown.values()  # type: ignore[misc]
        cited = {"participation": cited_p, "satisfaction": cited_s, "min_sample": cited_m}
        out.append(Formulas(part, sat, int(least), cited))
    return out


def for_periods(chosen: Sequence[Period]) -> list[Formulas | None]:
    """The formulas computing each period: those in force at its end."""
    return formulas_over([p.end for p in chosen])
