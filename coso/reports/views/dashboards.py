"""The steering committees' dashboards: a unit's figures for a period beside the period
before, a trend, its sub-units ranked with totals, every figure a link down to the
records it counts. Read from the maintained table only."""

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import hooks, indicators, pagecache
from coso.core.downloads import attachment
from coso.core.errors import DomainError
from coso.core.permissions import can_nationwide, requires
from coso.reports import charts, exports, formulas, indices, periods, reporting, selectors
from coso.reports.periods import Period
from coso.units import selectors as units
from coso.units import unit_page
from coso.units.selectors import Unit

ACTION = "aggregates.read"
# Blocks of other apps shown at the top of a dashboard (hotspots, warnings), each asked
# of the app that keeps them (coso.core.hooks): called with the request and the unit
# (None: the nation), each returns its HTML, empty when it has nothing to show.
BLOCKS = ("dashboard.hotspots", "dashboard.warnings")


def period_asked(request: HttpRequest) -> tuple[Period, str | None]:
    """The period asked for, or this year with the reason the request was not used."""
    this_year = periods.of_kind(periods.YEAR, timezone.localdate())
    code = request.GET.get("period", "").strip()
    if not code:
        return this_year, None
    try:
        return periods.parse(code), None
    except DomainError as error:
        return this_year, error.message


def scope_unit(request: HttpRequest, code: str | None) -> Unit | None:
    """The unit whose figures are read (None: the nation, for nationwide roles only)."""
    if code is None:
        if not can_nationwide(request.user, ACTION):
            raise Http404
        return None
    return units.unit_get_for_user(user=request.user, code=code, action=ACTION)


def figure_link(unit: Unit | None, code: str, period: Period) -> str:
    """Where a figure leads: its breakdown by sub-unit, or for a commune its records;
    an index, to the indices page where its formula and numbers are."""
    if unit is not None and code in indices.CODES:
        anchor = "participation" if code == indices.PARTICIPATION else "satisfaction"
        return f"{reverse('reports:unit_indices', args=[unit.code])}?period={period.code}#{anchor}"
    if unit is not None and unit.kind not in ("province",):
        found = indicators.records_url(code, unit, period.start, period.end)
        if found:  # the list carries the period, to lead the reader back
            return f"{found}{'&' if '?' in found else '?'}{urlencode({'period': period.code})}"
    args = [unit.code] if unit else []
    name = "reports:unit_breakdown" if unit else "reports:breakdown"
    return f"{reverse(name, args=[*args, code])}?period={period.code}"


def _headline(unit: Unit | None, period: Period) -> list[dict[str, Any]]:
    """The headline figures, then the indices computed from them (each by the formula
    of its period), beside the period before."""
    now = selectors.figures(unit=unit, period=period)
    before = selectors.figures(unit=unit, period=period.previous())
    earlier, found = formulas.for_periods([period.previous(), period])
    shown = selectors.headline(now)
    if found is not None:
        shown += selectors.catalogue_figures(now, found)[-len(indices.CODES) :]
    return [
        {
            "figure": figure,
            "previous": _previous(figure.code, before, earlier),
            "href": figure_link(unit, figure.code, period),
        }
        for figure in shown
    ]


def _previous(code: str, before: dict[str, int], earlier: formulas.Formulas | None) -> Any:
    """The figure of the period before (an index by that period's formula, if any)."""
    if code not in indices.CODES:
        return selectors.value_of(code, before)
    return None if earlier is None else selectors.figure_of(code, before, earlier)


COLUMNS = selectors.HEADLINE


def _table(request: HttpRequest, unit: Unit | None, period: Period) -> dict[str, Any]:
    """Sub-units with the headline figures, sorted as asked, and their totals; a
    province's own records (what it received itself) on a row of their own, last."""
    rows = selectors.by_sub_unit(unit=unit, period=period)
    sort = request.GET.get("sort", "")
    descending = not sort.startswith("-") if sort else True
    key = sort.lstrip("-") if sort.lstrip("-") in COLUMNS else None
    if key:
        rows.sort(key=lambda r: selectors.value_of(key, r.values) or 0, reverse=descending)
    else:
        rows.sort(key=lambda r: r.unit.search_name)
    rows.sort(key=lambda r: r.unit == unit)  # stable: the unit's own row goes last
    totals: dict[str, int] = {}
    for row in rows:
        for code, n in row.values.items():
            totals[code] = totals.get(code, 0) + n
    return {
        "columns": [(c, selectors.label_of(c)) for c in COLUMNS],
        "rows": [
            (
                r.unit,
                reporting.own_label(r.unit) if r.unit == unit else r.unit.name,
                r.unit == unit,
                [selectors.figure_of(c, r.values) for c in COLUMNS],
            )
            for r in rows
        ],
        "totals": [selectors.figure_of(c, totals) for c in COLUMNS],
        "sort": sort,
    }


def _trend(code: str, trend: list[tuple[Period, dict[str, int]]]) -> list[Any]:
    """The figure over the periods; an index by each period's formula (none before)."""
    if code not in indices.CODES:
        return [selectors.value_of(code, v) for _p, v in trend]
    found = formulas.for_periods([p for p, _v in trend])
    return [
        None if f is None else selectors.value_of(code, v, f)
        for (_p, v), f in zip(trend, found, strict=True)
    ]


@requires(ACTION)
@pagecache.cached
def dashboard(request: HttpRequest, code: str | None = None) -> HttpResponse:
    unit = scope_unit(request, code)
    pagecache.depends_on(request, unit)
    period, problem = period_asked(request)
    trend_code = request.GET.get("trend", "petitions.received")
    if selectors.label_of(trend_code) == trend_code:
        trend_code = "petitions.received"
    trend = selectors.series(unit=unit, period=period)
    points = [
        (p.label, value) for (p, _v), value in zip(trend, _trend(trend_code, trend), strict=True)
    ]
    short = [(p.code, value) for (p, _v), (_label, value) in zip(trend, points, strict=True)]
    return unit_page(
        request,
        "reports/dashboard.html",
        unit,
        period=period,
        problem=problem,
        headline=_headline(unit, period),
        trend_code=trend_code,
        trend_label=selectors.label_of(trend_code),
        trend=points,
        chart=charts.bars(short),
        table=_table(request, unit, period),
        refreshed_at=selectors.refreshed_at(period=period),
        blocks=[hooks.ask(name)(request=request, unit=unit) for name in BLOCKS],
    )


@requires(ACTION)
def breakdown(request: HttpRequest, indicator: str, code: str | None = None) -> HttpResponse:
    """One figure by sub-unit; each links on down (a commune's records)."""
    unit = scope_unit(request, code)
    if selectors.label_of(indicator) == indicator:
        raise Http404
    period, problem = period_asked(request)
    found = formulas.for_periods([period])[0] if indicator in indices.CODES else None
    if indicator in indices.CODES and found is None:
        raise Http404  # a period before the index had a formula
    rows = selectors.by_sub_unit(unit=unit, period=period)
    rows.sort(
        key=lambda r: (r.unit == unit, -(selectors.value_of(indicator, r.values, found) or 0))
    )
    total = selectors.figure_of(indicator, selectors.figures(unit=unit, period=period), found)
    return unit_page(
        request,
        "reports/breakdown.html",
        unit,
        period=period,
        problem=problem,
        label=selectors.label_of(indicator),
        rows=[
            (
                r.unit,
                reporting.own_label(r.unit) if r.unit == unit else r.unit.name,
                selectors.figure_of(indicator, r.values, found),
                figure_link(r.unit, indicator, period),
            )
            for r in rows
        ],
        total=total,
        refreshed_at=selectors.refreshed_at(period=period),
    )


@requires(ACTION)
def dashboard_xlsx(request: HttpRequest, code: str | None = None) -> HttpResponse:
    unit = scope_unit(request, code)
    period, _problem = period_asked(request)
    table = _table(request, unit, period)
    name = unit.name if unit else _("Cả nước")
    content = exports.table_xlsx(title=f"{name} — {period.label}", table=table)
    return attachment(content, f"chi-tieu-{unit.code if unit else 'ca-nuoc'}-{period.code}.xlsx")
