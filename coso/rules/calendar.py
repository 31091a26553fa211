"""Vietnam's working-day calendar: weekends, public holidays (lunar ones included) from
the `holidays` package, and exceptions entered by administrators.

Periods follow the Civil Code (BLDS 2015): a period counted in days from a date or an
event starts the day after it (art. 147(2)–(3)); a period whose last day is a weekend or
public holiday ends at the end of the next working day (art. 148, clause 5 as numbered
in the identical art. 153 of the 2005 Code).
"""

import calendar as _stdlib_calendar
import datetime as dt
from functools import lru_cache

import holidays

from coso.rules.models import CalendarException, CalendarExceptionKind

# Days the `holidays` package counts as days off on a basis that is not yet a legal text:
# they are working days here until an administrator enters the text that makes them days
# off, as a calendar exception with that text as its source. 24 November (Vietnam
# Culture Day): Politburo Resolution 80-NQ/TW (7 January 2026) asks for a paid day off;
# on 17 January 2026 the Ministry proposed adding it when the Labour Code is amended; no
# law or resolution of the National Assembly making it one was found (BLLĐ art. 112 lists
# the days off).
NOT_YET_LAW = ("Vietnam Cultural Day",)  # the package's names, its "(observed)" days too


@lru_cache(maxsize=32)
def _national(year: int) -> holidays.HolidayBase:
    found = holidays.country_holidays("VN", years=year, language="en_US")
    for day, name in list(found.items()):
        if any(text in name for text in NOT_YET_LAW):
            found.pop(day)
    return found


def _exceptions(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    """Administrator-entered days in [start, end]: date -> is it a working day."""
    rows = CalendarException.objects.filter(date__range=(start, end)).values_list("date", "kind")
    return {day: kind == CalendarExceptionKind.WORKING_DAY for day, kind in rows}


def _is_working(day: dt.date, exceptions: dict[dt.date, bool]) -> bool:
    if day in exceptions:
        return exceptions[day]
    return bool(_national(day.year).is_working_day(day))


def is_working_day(day: dt.date) -> bool:
    """Whether `day` is a working day in Vietnam."""
    return _is_working(day, _exceptions(day, day))


def working_days_in(start: dt.date, end: dt.date) -> set[dt.date]:
    """Every working day in [start, end], with one query for the exceptions."""
    exceptions = _exceptions(start, end)
    days = (start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    return {day for day in days if _is_working(day, exceptions)}


def _horizon(start: dt.date, days: int) -> dt.date:
    # Long enough to hold `days` working days plus Tết and its weekends.
    return start + dt.timedelta(days=days * 2 + 30)


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start` (`start` itself is never counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    exceptions = _exceptions(start, _horizon(start, n))
    day = start
    while n:
        day += dt.timedelta(days=1)
        if _is_working(day, exceptions):
            n -= 1
    return day


def next_working_day(day: dt.date) -> dt.date:
    """`day` if it is a working day, else the first working day after it."""
    exceptions = _exceptions(day, _horizon(day, 10))
    while not _is_working(day, exceptions):
        day += dt.timedelta(days=1)
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day when it has no such day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = _stdlib_calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last))
