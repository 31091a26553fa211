"""Dates as people write them, and how far ahead they may reach."""

import datetime as dt

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
