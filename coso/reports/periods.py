"""Reporting periods, written as people write them: a month "2026-11", a quarter
"2026-Q4", a half-year "2026-H2" (sơ kết 6 tháng), a year "2026" (tổng kết năm) and a
span of years "2021-2025" (e.g. five years of a Conclusion). Figures are kept for months,
quarters, halves and years; a span is read from its years."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core.errors import DomainError

MONTH, QUARTER, HALF, YEAR, SPAN = "month", "quarter", "half", "year", "span"
STORED = (MONTH, QUARTER, HALF, YEAR)
# The oldest year a period may name: before it, no law Coso applies was in force.
FIRST_YEAR = 2000
# The most years a span may cover (Coso's policy: the longest review its users write,
# a ten-year strategy's; a longer span is a typo, and would read every year in it).
LONGEST_SPAN = 10


@dataclass(frozen=True)
class Period:
    kind: str
    code: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        """The period as a report's title writes it."""
        y = self.start.year
        if self.kind == MONTH:
            return _("Tháng %(m)s/%(y)s") % {"m": self.start.month, "y": y}
        if self.kind == QUARTER:
            roman = ["I", "II", "III", "IV"][(self.start.month - 1) // 3]
            return _("Quý %(q)s/%(y)s") % {"q": roman, "y": y}
        if self.kind == HALF:
            first = self.start.month == 1
            return (_("6 tháng đầu năm %(y)s") if first else _("6 tháng cuối năm %(y)s")) % {"y": y}
        if self.kind == YEAR:
            return _("Năm %(y)s") % {"y": y}
        return _("Giai đoạn %(a)s–%(b)s") % {"a": y, "b": self.end.year}

    @property
    def years(self) -> list[str]:
        """The year codes a span is read from (or a stored period's own year)."""
        return [str(y) for y in range(self.start.year, self.end.year + 1)]

    @property
    def stored_codes(self) -> list[str]:
        """The stored periods its figures are read from: a span's years, or itself."""
        return self.years if self.kind == SPAN else [self.code]

    def previous(self) -> "Period":
        """The period of the same kind just before this one."""
        length = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}.get(self.kind)
        if length is None:
            return span(2 * self.start.year - self.end.year - 1, self.start.year - 1)
        month = self.start.month - length
        year = self.start.year + (month - 1) // 12
        return of_kind(self.kind, dt.date(year, (month - 1) % 12 + 1, 1))


def span(first: int, last: int) -> Period:
    """The years first to last (a term, such as 2021-2025, under way or not)."""
    return Period(SPAN, f"{first}-{last}", dt.date(first, 1, 1), dt.date(last, 12, 31))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _make(kind: str, code: str, year: int, first_month: int, months: int) -> Period:
    last_month = first_month + months - 1
    return Period(kind, code, dt.date(year, first_month, 1), _month_end(year, last_month))


def of_kind(kind: str, day: dt.date) -> Period:
    """The period of `kind` that contains `day`."""
    y, m = day.year, day.month
    if kind == MONTH:
        return _make(MONTH, f"{y}-{m:02d}", y, m, 1)
    if kind == QUARTER:
        q = (m - 1) // 3 + 1
        return _make(QUARTER, f"{y}-Q{q}", y, 3 * q - 2, 3)
    if kind == HALF:
        h = (m - 1) // 6 + 1
        return _make(HALF, f"{y}-H{h}", y, 6 * h - 5, 6)
    return _make(YEAR, str(y), y, 1, 12)


def containing(day: dt.date) -> list[Period]:
    """The stored periods (month, quarter, half, year) that contain `day`."""
    return [of_kind(kind, day) for kind in STORED]


def in_year(year: int) -> list[Period]:
    """Every stored period of a year: 12 months, 4 quarters, 2 halves, the year."""
    first = [dt.date(year, m, 1) for m in range(1, 13)]
    found = {p.code: p for day in first for p in containing(day)}
    return list(found.values())


_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})$"), MONTH),
    (re.compile(r"^(\d{4})-Q([1-4])$"), QUARTER),
    (re.compile(r"^(\d{4})-H([12])$"), HALF),
    (re.compile(r"^(\d{4})$"), YEAR),
    (re.compile(r"^(\d{4})-(\d{4})$"), SPAN),
]


def _checked_year(year: int) -> int:
    today = timezone.localdate()
    if not FIRST_YEAR <= year <= today.year + 1:
        raise DomainError(
            _("Năm phải từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": today.year + 1},
            field="period",
        )
    return year


def parse(code: str) -> Period:
    """A period from its code; a DomainError saying how to write one otherwise."""
    text = (code or "").strip().upper()
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year, second = int(match.group(1)), match.group(match.lastindex or 1)
        _checked_year(year)
        if kind == MONTH and 1 <= int(second) <= 12:
            return of_kind(MONTH, dt.date(year, int(second), 1))
        if kind == QUARTER:
            return of_kind(QUARTER, dt.date(year, 3 * int(second) - 2, 1))
        if kind == HALF:
            return of_kind(HALF, dt.date(year, 6 * int(second) - 5, 1))
        if kind == YEAR:
            return of_kind(YEAR, dt.date(year, 1, 1))
        # A term under way ends in years still to come (2026-2030, read in 2026).
        if kind == SPAN and year < int(second) < year + LONGEST_SPAN:
            return span(year, int(second))
    raise DomainError(
        _(
            "Kỳ “%(code)s” không đúng dạng: tháng 2026-11, quý 2026-Q4, 6 tháng 2026-H1, "
            "năm 2026, nhiều năm 2021-2025."
        )
        % {"code": code},
        field="period",
    )


def recent(report_type: Any, count: int = 3) -> list[Period]:
    """The latest periods of a report type (its `kind`, `span_years`, `span_from`),
    newest first (the one under way included)."""
    today = timezone.localdate()
    if report_type.kind == "span":
        years = report_type.span_years
        anchor = report_type.span_from if report_type.span_from is not None else today.year
        first = today.year - (today.year - anchor) % years  # the term under way
        found = [span(first, first + years - 1)]
        while len(found) < count:
            found.append(found[-1].previous())
        return found
    kind = HALF if report_type.kind == "half" else YEAR
    found = [of_kind(kind, today)]
    while len(found) < count:
        found.append(found[-1].previous())
    return found


# How many years back a period picker offers (Coso's policy: the reviews Coso's users
# write — six months, a year — look back a few years at most; an older period can still
# be asked for by its address).
PICKER_YEARS = 5


def _in_year_newest_first(year: int, today: dt.date) -> list[Period]:
    """A year, its halves, quarters and months, each kind newest first, none that has
    not begun."""
    found = [of_kind(YEAR, dt.date(year, 1, 1))]
    for kind, length in ((HALF, 6), (QUARTER, 3), (MONTH, 1)):
        starts = [dt.date(year, m, 1) for m in range(12 - length + 1, 0, -length)]
        found += [of_kind(kind, day) for day in starts if day <= today]
    return found


def picker(current: Period, spans: list[Period]) -> list[tuple[str, list[Period]]]:
    """The periods a person chooses from, grouped by year, newest first (then the
    multi-year `spans`): the last PICKER_YEARS years, and `current` wherever it lies."""
    today = timezone.localdate()
    groups: list[tuple[str, list[Period]]] = [
        (str(year), _in_year_newest_first(year, today))
        for year in range(today.year, today.year - PICKER_YEARS, -1)
    ]
    if spans:
        groups.append((_("Nhiều năm"), spans))
    offered = {p.code for _label, found in groups for p in found}
    if current.code not in offered:
        groups.insert(0, (current.label, [current]))
    return groups
