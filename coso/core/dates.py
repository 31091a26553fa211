"""Dates as people write them, and how far ahead they may reach."""

import datetime as dt
import re

from django.conf import settings
from django.utils import timezone


def vn_date(day: dt.date) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates (the year always in four digits,
    which strftime does not promise for years before 1000)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def latest_day(*, future: bool) -> dt.date:
    """The last date a person may enter: today, or a set margin ahead for what is
    planned (`COSO_FUTURE_DAYS`) — beyond it a date is a typo, not a plan."""
    today = timezone.localdate()
    return today + dt.timedelta(days=settings.COSO_FUTURE_DAYS) if future else today


def iso_day(text: str | None) -> dt.date | None:
    """A YYYY-MM-DD day from a URL (a list read at a period's end), or None if it does
    not parse or lies outside the years a record can hold."""
    try:
        day = dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return day if day.year >= 2000 else None


# A period's code as a URL carries it back to a dashboard: 2026, 2026-H1, 2026-Q3,
# 2026-11, 2021-2025 (anything else is dropped rather than echoed).
_PERIOD_CODE = re.compile(r"^\d{4}(-(H[12]|Q[1-4]|\d{2}|\d{4}))?$")


def period_code(text: str | None) -> str:
    """`text` if it is written like a reporting period's code, else ""."""
    code = (text or "").strip()
    return code if _PERIOD_CODE.match(code) else ""
