"""The criteria, the scale and the points that count as satisfied, read from the rule
`rating.criteria` (coso/rules/catalogue/measure.py): data, never literals here."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from coso import rules
from coso.rules.services import rule_in_force

CODE = "rating.criteria"


@dataclass(frozen=True)
class Scale:
    """One version of the rule: its first day names it."""

    version: dt.date
    criteria: tuple[tuple[str, str], ...]  # (key, label), in the order asked
    points: tuple[tuple[int, str], ...]  # (points, label), lowest first
    satisfied: frozenset[int]
    overall: str

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.criteria)

    def is_satisfied(self, points: int) -> bool:
        return points in self.satisfied


def _shaped(value: dict[str, Any], version: dt.date) -> Scale:
    return Scale(
        version=version,
        criteria=tuple((c["key"], c["label"]) for c in value["items"]),
        points=tuple((int(p["points"]), p["label"]) for p in value["scale"]),
        satisfied=frozenset(int(p) for p in value["satisfied"]),
        overall=value["overall"],
    )


def scale_in_force(on: dt.date | None = None) -> Scale:
    """The version in force on `on` (today when not given)."""
    rule = rule_in_force(CODE, on=on)
    return _shaped(rule.value, rule.effective_from)


def shipped_criteria() -> tuple[tuple[str, str], ...]:
    """The criteria as the catalogue ships them: the indicators declared at start-up,
    before any database is read."""
    return _shaped(rules.as_shipped(CODE), dt.date.min).criteria
