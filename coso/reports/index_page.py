"""What the indices page shows about a unit and a period: each index with the numbers
behind it (each a link to its records on the officials' page), the formula version and
citation, the unit beside its province's median over the last periods — a fixed number
of queries whatever the number of communes."""

from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coso.core.indicators import StrOrPromise
from coso.core.text import whole
from coso.reports import charts, formulas, indices, selectors
from coso.reports.formulas import Formulas
from coso.reports.index_figures import participation_of, satisfaction_of
from coso.reports.periods import Period
from coso.units import selectors as units
from coso.units.selectors import Unit, UnitKind

PERIODS = 6
PART_LABELS: dict[str, StrOrPromise] = {
    "disclosure_categories": _("Nội dung bắt buộc đã công khai"),
    "disclosure_on_time": _("Nội dung công khai đúng hạn"),
    "turnout": _("Hộ tham gia bàn, quyết định"),
    "petitions_on_time": _("Đơn thư giải quyết đúng hạn"),
    "dialogues": _("Đối thoại đủ mức tối thiểu"),
    "consultation_answers": _("Ý kiến góp ý được giải trình"),
    "board_answers": _("Kiến nghị của các ban được trả lời đúng hạn"),
    "candidates": _("Ứng cử viên mỗi cuộc bầu trưởng thôn"),
}
ELEMENT_LABELS: dict[str, StrOrPromise] = {
    "overall": _("Đánh giá chung"),
    "access": _("Tiếp cận dịch vụ"),
    "procedure": _("Thủ tục"),
    "official": _("Cán bộ, công chức"),
    "result": _("Kết quả"),
    "feedback": _("Tiếp nhận, xử lý góp ý"),
    "participation": _("Tham gia"),
    "transparency": _("Công khai, minh bạch"),
    "accountability": _("Trách nhiệm giải trình"),
}


@dataclass(frozen=True)
class Term:
    """One indicator of a formula with its value and where its records are listed."""

    code: str
    label: StrOrPromise
    value: int
    sign: str  # "+" or "−"
    href: str | None

    def __str__(self) -> str:
        """The number as the page shows it: a link to its records where it has one
        (rendered here, not by an include per number: a page shows dozens)."""
        if self.href:
            return format_html(
                '<a href="{}" title="{}">{}</a>', self.href, self.code, whole(self.value)
            )
        return format_html('<span title="{}">{}</span>', self.code, whole(self.value))


@dataclass(frozen=True)
class Point:
    period: Period
    unit: float | None
    median: float | None
    communes: int  # the communes the median is taken over
    version: int | None


def needed_codes(found: list[Formulas | None]) -> set[str]:
    """Every indicator any of the formulas reads."""
    codes = {indices.RESPONDENTS}
    for f in found:
        if f is None:
            continue
        for e in indices.ELEMENTS:
            codes |= {indices.answered_code(e), indices.satisfied_code(e)}
        for part in f.participation["parts"]:
            codes |= {c.lstrip("-") for c in [*part["numerator"], *part["denominator"]]}
    return codes


def _term(code: str, values: dict[str, int], unit: Unit, period: Period, linked: bool) -> Term:
    bare = code.lstrip("-")
    href = None
    if linked:
        from coso.reports.views.dashboards import figure_link

        href = figure_link(unit, bare, period)
    sign = "−" if code.startswith("-") else "+"
    return Term(bare, selectors.label_of(bare), values.get(bare, 0), sign, href)


def _index_points(
    code: str,
    chosen: list[Period],
    found: list[Formulas | None],
    mine: list[dict[str, int]],
    communes: dict[str, dict[int, dict[str, int]]],
) -> list[Point]:
    """The unit's index and its province's communes' median, period by period, each
    computed by the formula version of its period."""
    out = []
    for period, f, values in zip(chosen, found, mine, strict=True):
        if f is None:
            out.append(Point(period, None, None, 0, None))
            continue
        scores = [selectors.value_of(code, v, f) for v in communes[period.code].values()]
        kept = [float(s) for s in scores if s is not None]
        version = f.versions[0 if code == indices.PARTICIPATION else 1]
        own = selectors.value_of(code, values, f)
        out.append(Point(period, own, indices.median(kept), len(kept), version))
    return out


def _chart(points: list[Point], top: float) -> list[charts.Pair]:
    return charts.pairs([(p.period.code, p.unit, p.median, p.version or 0) for p in points], top)


def _ranking(
    communes: dict[int, dict[str, int]], f: Formulas | None
) -> list[tuple[str, str, Any, Any]]:
    """The province's communes with both indices of the period (same formula version),
    best participation first."""
    if f is None or not communes:
        return []
    named = units.Unit.objects.filter(pk__in=list(communes)).values_list("pk", "code", "name")
    known = {pk: (code, name) for pk, code, name in named}
    rows = [
        (
            *known.get(pk, ("", "")),
            selectors.figure_of(indices.SATISFACTION, v, f),
            participation_of(v, f).value,
        )
        for pk, v in communes.items()
    ]
    return sorted(rows, key=lambda r: (-(r[3] if r[3] is not None else -1), r[1]))


def page(*, unit: Unit, period: Period, linked: bool) -> dict[str, Any]:
    """The page's context: `linked` puts a link to its records on every number."""
    chosen = [period]
    while len(chosen) < PERIODS:
        chosen.insert(0, chosen[0].previous())
    found = formulas.for_periods(chosen)
    current = found[-1]
    mine, communes = selectors.province_over(unit=unit, chosen=chosen, codes=needed_codes(found))
    values = mine[-1]
    part = _index_points(indices.PARTICIPATION, chosen, found, mine, communes)
    sat = _index_points(indices.SATISFACTION, chosen, found, mine, communes)
    context: dict[str, Any] = {
        "period": period,
        "formulas": current,
        "citations": current.citations if current is not None else {},
        "participation_points": part,
        "participation_chart": _chart(part, 10),
        "satisfaction_points": sat,
        "satisfaction_chart": _chart(sat, 100),
        "ranking": _ranking(communes[period.code], current)
        if unit.kind == UnitKind.PROVINCE
        else [],
    }
    if current is not None:
        context.update(_details(values, unit, period, current, linked))
    return context


def _details(
    values: dict[str, int], unit: Unit, period: Period, f: Formulas, linked: bool
) -> dict[str, Any]:
    """Both indices of the period with every number behind them."""
    sat = satisfaction_of(values, f)
    part = participation_of(values, f)

    def terms(codes: tuple[str, ...]) -> list[Term]:
        return [_term(c, values, unit, period, linked) for c in codes]

    return {
        "satisfaction": sat,
        "elements": [
            (
                ELEMENT_LABELS.get(e.element, e.element),
                e,
                _term(indices.satisfied_code(e.element), values, unit, period, linked),
                _term(indices.answered_code(e.element), values, unit, period, linked),
            )
            for e in (sat.overall, *sat.elements)
        ],
        "respondents": _term(indices.RESPONDENTS, values, unit, period, linked),
        "participation": part,
        "parts": [
            (PART_LABELS.get(p.key, p.key), p, terms(p.numerator_codes), terms(p.denominator_codes))
            for p in part.parts
        ],
    }
