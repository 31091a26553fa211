"""The rulebook's public interface, usable from a plain shell after `django.setup()`:

    from coso import rules
    rules.due_date("complaint.first.resolve", date(2026, 3, 2), remote_area=True)
    rules.value("vote.approval.general")
    rules.citation("disclosure.posting.min_days")
    rules.add_working_days(date(2026, 2, 12), 10)
    rules.is_working_day(date(2026, 8, 22))
    rules.first_day("complaint.first.accept")   # the first day any version was in force
    rules.due_date("complaint.first.resolve", accepted, suspended_days=21)  # clock stopped 21 days
    rules.as_shipped("vote.matters.catalogue")  # the first version, before any database

Other apps read the rulebook here (or through `coso.rules.services`), never its
`catalogue` or `calendar`. The functions import the models when called, so importing
`coso.rules` is safe before Django's app registry is ready. See docs/rules.md.
"""

import datetime as dt
from typing import Any

# How long a disclosure stays posted: at least a rule's days, for good, or not at all.
from coso.rules.catalogue.texts import MIN, NONE, PERMANENT


def due_date(
    code: str,
    start: dt.date,
    *,
    remote_area: bool = False,
    complex_case: bool = False,
    on: dt.date | None = None,
    suspended_days: int = 0,
) -> dt.date:
    from coso.rules import services

    return services.due_date(
        code,
        start,
        remote_area=remote_area,
        complex_case=complex_case,
        on=on,
        suspended_days=suspended_days,
    )


def value(code: str, *, on: dt.date | None = None) -> Any:
    from coso.rules import services

    return services.value(code, on=on)


def citation(code: str, *, on: dt.date | None = None) -> str:
    from coso.rules import services

    return services.citation(code, on=on)


def first_day(code: str) -> dt.date | None:
    from coso.rules import services

    return services.first_day(code)


def add_working_days(start: dt.date, n: int) -> dt.date:
    from coso.rules import calendar

    return calendar.add_working_days(start, n)


def is_working_day(day: dt.date) -> bool:
    from coso.rules import calendar

    return calendar.is_working_day(day)


def working_days_in(start: dt.date, end: dt.date) -> set[dt.date]:
    from coso.rules import calendar

    return calendar.working_days_in(start, end)


def add_months(start: dt.date, months: int) -> dt.date:
    from coso.rules import calendar

    return calendar.add_months(start, months)


def as_shipped(code: str) -> Any:
    """The rule's value as the catalogue ships it (its first version): for what is
    declared at start-up, before any database is read."""
    from coso.rules.catalogue import RULES

    return next(rule[4] for rule in RULES if rule[0] == code)


__all__ = [
    "MIN",
    "NONE",
    "PERMANENT",
    "add_months",
    "add_working_days",
    "as_shipped",
    "citation",
    "due_date",
    "first_day",
    "is_working_day",
    "value",
    "working_days_in",
]
