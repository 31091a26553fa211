"""Which rules a unit's disclosures follow, by the kind of unit (GDL arts. 11–13, 46–48,
64–65): its catalogue of what must be made public, its deadline, its posting period."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from coso import rules
from coso.rules import MIN, NONE, PERMANENT
from coso.units.selectors import Unit, UnitKind


@dataclass(frozen=True)
class DisclosureRules:
    catalogue: str
    deadline: str
    min_days: str | None


BY_KIND = {
    UnitKind.COMMUNE: DisclosureRules(
        "disclosure.commune.catalogue", "disclosure.deadline", "disclosure.posting.min_days"
    ),
    UnitKind.AGENCY: DisclosureRules(
        "disclosure.agency.catalogue", "disclosure.agency.deadline", "disclosure.agency.min_days"
    ),
    UnitKind.ENTERPRISE: DisclosureRules(
        "disclosure.enterprise.catalogue", "disclosure.soe.deadline", None
    ),
}


def rules_for(unit: Unit) -> DisclosureRules | None:
    return BY_KIND.get(unit.kind)  # type: ignore[call-overload]


def first_day(unit: Unit) -> dt.date | None:
    """The first day `unit`'s catalogue was in force (1 July 2023 for communes, the
    Grassroots Democracy Law): nothing earlier can be measured against it."""
    found = rules_for(unit)
    return rules.first_day(found.catalogue) if found else None


def items(unit: Unit, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """The catalogue items of what `unit` must make public, in force on `on`."""
    found = rules_for(unit)
    return list(rules.value(found.catalogue, on=on)) if found else []


def mandatory_keys(unit: Unit, *, on: dt.date | None = None) -> list[str]:
    return [item["key"] for item in items(unit, on=on) if item.get("mandatory")]


def item(unit: Unit, key: str, *, on: dt.date | None = None) -> dict[str, Any] | None:
    return next((i for i in items(unit, on=on) if i["key"] == key), None)


__all__ = [
    "MIN",
    "NONE",
    "PERMANENT",
    "BY_KIND",
    "first_day",
    "item",
    "items",
    "mandatory_keys",
    "rules_for",
]
