"""Figures and dates as the official documents write them: thousands grouped, a decimal
comma, a percent sign kept with its number, place and date with their leading zeros."""

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from coso.core.text import whole

# A cell that holds a figure: digits with their separators, a percent sign, or a dash
# for "no figure".
# A figure: a number, a share ("83,9 %"), a share with its base ("83,9 % (26/31)"), or
# a dash for none.
_FIGURE = re.compile(r"^[-+−]?\d[\d.,\u00a0 ]*(\s?%)?(\s?\(\d[\d.]*/\d[\d.]*\))?$|^[—–-]$")


def place_and_date(place: str, day: dt.date) -> str:
    """ "Lai Châu, ngày 06 tháng 12 năm 2026": days below 10 and the months January and
    February take a leading zero (Decree 30/2020, Appendix I, part II, section 5)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def figure(value: Any) -> str:
    """A figure as the documents write it: thousands grouped, a dash for none, a
    decimal comma, and a percent sign that never leaves its number (no-break space)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return whole(value)
    if isinstance(value, float | Decimal):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def percent(value: Any) -> str:
    return "—" if value is None else f"{figure(value)}\u00a0%"


def is_figure(value: Any) -> bool:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and bool(_FIGURE.match(value.strip()))
