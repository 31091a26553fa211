"""Reading figures: always from the maintained table, summed over a unit's subtree."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Max, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from coso.accounts.selectors import RoleAssignment
from coso.core import indicators
from coso.core.indicators import LAST, StrOrPromise
from coso.core.permissions import roles_for
from coso.reports import index_figures, indices
from coso.reports.figure_types import Figure, Share, percent
from coso.reports.formulas import Formulas, for_periods
from coso.reports.models import (
    SENT,
    FigureClock,
    IndicatorTotal,
    IndicatorValue,
    Report,
    ReportType,
)
from coso.reports.periods import HALF, SPAN, YEAR, Period, of_kind, parse, recent, span
from coso.units.selectors import Unit, UnitKind, existed_between


def _stored(unit: Unit | None, codes: list[str]) -> Iterable[dict[str, Any]]:
    """(indicator, period, total) rows for `unit`'s subtree: the maintained totals for
    the nation and a province, the communes' own rows summed below that."""
    if unit is None or unit.kind == UnitKind.PROVINCE:
        totals = IndicatorTotal.objects.filter(period__in=codes)
        totals = (
            totals.filter(province__isnull=True) if unit is None else totals.filter(province=unit)
        )
        return totals.values("indicator", "period").annotate(total=Sum("value"))
    values = IndicatorValue.objects.filter(period__in=codes, path__startswith=unit.path)
    return values.values("indicator", "period").annotate(total=Sum("value"))


def _combine(rows: Iterable[dict[str, Any]], period: Period) -> dict[str, int]:
    """Add up a span's years for flows, keep its last year for stocks."""
    defined = indicators.indicators()
    last = period.years[-1] if period.kind == SPAN else period.code
    totals: dict[str, int] = {}
    for r in rows:
        definition = defined.get(r["indicator"])
        if definition is not None and definition.over_time == LAST and r["period"] != last:
            continue
        totals[r["indicator"]] = totals.get(r["indicator"], 0) + r["total"]
    return totals


def figures(*, unit: Unit | None, period: Period) -> dict[str, int]:
    """Every indicator for `unit`'s subtree (the nation when None) over `period`, read
    from the maintained tables in one query. A span of
    years adds up its years for flows and takes its last year for stocks."""
    return _combine(_stored(unit, period.stored_codes), period)


def refreshed_at(*, period: Period) -> dt.datetime | None:
    """When the figures of `period` (a span: of its latest refreshed year) were last
    refreshed from the records; None if never. Changes since wait for the worker."""
    clocks = FigureClock.objects.filter(period__in=period.stored_codes)
    return clocks.aggregate(at=Max("refreshed_at"))["at"]


# The figures shown first (on a unit's public page, at the top of a dashboard).
HEADLINE = [
    "people.households",
    "disclosures.made",
    "disclosures.categories_missing",
    "decisions.decided",
    "decisions.turnout",
    "petitions.received",
    "petitions.resolved",
    "petitions.on_time_share",
    "petitions.overdue",
    "reception.sessions",
    "reception.held_share",
    "dialogues.held",
    "followups.on_time_share",
    "followups.overdue",
]


def headline(values: dict[str, int]) -> list["Figure"]:
    """The headline figures, in HEADLINE's order (those the catalogue has)."""
    by_code = {f.code: f for f in catalogue_figures(values)}
    return [by_code[code] for code in HEADLINE if code in by_code]


def catalogue_figures(values: dict[str, int], formulas: "Formulas | None" = None) -> list[Figure]:
    """Every indicator of the catalogue with its value (0 when nothing was counted),
    then the shares computed from them, then — given the formulas of the period — the
    indices computed from them (derived, never stored)."""
    out = [
        Figure(
            i.code,
            i.label,
            i.measure,
            values.get(i.code, 0),
            i.definition,
            i.basis,
            i.counts,
            i.version,
        )
        for i in indicators.indicators().values()
    ]
    for r in indicators.ratios().values():
        base = Share(values.get(r.numerator, 0), values.get(r.denominator, 0))
        counts = f"{r.numerator} / {r.denominator}"
        out.append(Figure(r.code, r.label, "%", base.value, "", r.basis, counts, base=base))
    if formulas is not None:
        out += index_figures.catalogue_entries(values, formulas)
    return out


def as_json(figure: Figure) -> dict[str, Any]:
    return {
        "code": figure.code,
        "label": str(figure.label),
        "measure": str(figure.measure),
        "value": figure.value,
        "definition": str(figure.definition),
        "basis": str(figure.basis),
        "counts": figure.counts,
        "version": figure.version,
    }


def series(
    *, unit: Unit | None, period: Period, count: int = 6
) -> list[tuple[Period, dict[str, int]]]:
    """The figures of `period` and the periods of its kind before it, oldest first —
    one query over the maintained tables (spans: one per span)."""
    chosen = [period]
    while len(chosen) < count:
        chosen.insert(0, chosen[0].previous())
    if period.kind == SPAN:
        return [(p, figures(unit=unit, period=p)) for p in chosen]
    found: dict[str, dict[str, int]] = {p.code: {} for p in chosen}
    for r in _stored(unit, [p.code for p in chosen]):
        found[r["period"]][r["indicator"]] = r["total"]
    return [(p, found[p.code]) for p in chosen]


def own_figures(*, unit: Unit, period: Period) -> dict[str, int]:
    """A reporting unit's own figures, without its sub-units' (a province's records)."""
    rows = IndicatorValue.objects.filter(unit=unit, period__in=period.stored_codes)
    return _combine(rows.values("indicator", "period").annotate(total=Sum("value")), period)


@dataclass(frozen=True)
class Row:
    unit: Unit
    values: dict[str, int]


def by_sub_unit(*, unit: Unit | None, period: Period) -> list[Row]:
    """The stored figures of `period` per sub-unit: the provinces for the nation (from
    their maintained totals), the communes (and the province's own level) for a
    province — two queries whatever their number. A commune has no sub-unit figures
    (its villages' records count for it)."""
    codes = period.stored_codes
    if unit is None:
        key = "province_id"
        qs: QuerySet[Any] = IndicatorTotal.objects.filter(period__in=codes, province__isnull=False)
    elif unit.kind == UnitKind.PROVINCE:
        key = "unit_id"
        qs = IndicatorValue.objects.filter(period__in=codes, path__startswith=unit.path)
    else:
        return []
    grouped: dict[int, list[dict[str, Any]]] = {}
    for r in qs.values(key, "indicator", "period").annotate(total=Sum("value")):
        grouped.setdefault(r[key], []).append(r)
    units = Unit.objects.in_bulk(list(grouped))
    return [Row(units[pk], _combine(rows, period)) for pk, rows in grouped.items() if pk in units]


def formulas_of(period: Period) -> Formulas | None:
    """The indices' formulas computing `period` (in force at its end; one query): pass
    them to `value_of` when computing an index for many units."""
    return for_periods([period])[0]


def value_of(
    code: str, values: dict[str, int], formulas: "Formulas | None" = None
) -> float | int | None:
    """An indicator's value, a share computed from two, or an index computed from them
    (`index.participation` 0–10, `index.satisfaction` %, None when withheld) by the
    formulas given — those in force today when not (three queries: pass them when
    computing many units)."""
    if code in index_figures.CODES:
        return index_figures.index_value(code, values, formulas)
    ratio = indicators.ratios().get(code)
    if ratio is None:
        return values.get(code, 0)
    return percent(values.get(ratio.numerator, 0), values.get(ratio.denominator, 0))


def figure_of(
    code: str, values: dict[str, int], formulas: "Formulas | None" = None
) -> "int | Share | index_figures.Withheld | index_figures.Score | None":
    """An indicator's value, a share with its base, or an index, for a table a person
    reads."""
    if code in index_figures.CODES:
        return index_figures.index_figure(code, values, formulas)
    ratio = indicators.ratios().get(code)
    if ratio is None:
        return values.get(code, 0)
    return Share(values.get(ratio.numerator, 0), values.get(ratio.denominator, 0))


def label_of(code: str) -> StrOrPromise:
    if code in index_figures.CODES:
        return index_figures.LABELS[code]
    found = indicators.indicator(code)
    return found.label if found else code


def province_path(unit: Unit) -> str:
    """The path of the province `unit` lies in (its own for a province)."""
    return f"/{unit.path.strip('/').split('/')[0]}/"


def province_over(
    *, unit: Unit, chosen: list[Period], codes: set[str]
) -> tuple[list[dict[str, int]], dict[str, dict[int, dict[str, int]]]]:
    """The indicators `codes` over the periods `chosen` for `unit` (its subtree, as
    `figures` adds them up) and for each commune of its province: ([values per
    period], {period code: {commune id: values}}) — one query whatever the number of
    communes (a span adds up its years as `figures` does). A reporting unit has one
    row per indicator and stored period, so nothing is summed in SQL."""
    stored = sorted({c for p in chosen for c in p.stored_codes})
    rows = IndicatorValue.objects.filter(
        path__startswith=province_path(unit), period__in=stored, indicator__in=sorted(codes)
    ).values_list("unit_id", "path", "unit__kind", "period", "indicator", "value")
    communes: dict[str, dict[int, dict[str, int]]] = {code: {} for code in stored}
    own: dict[str, dict[int, dict[str, int]]] = {code: {0: {}} for code in stored}
    for unit_id, path, kind, period, code, value in rows:
        if kind == UnitKind.COMMUNE:
            communes[period].setdefault(unit_id, {})[code] = value
        if path.startswith(unit.path):
            mine = own[period][0]
            mine[code] = mine.get(code, 0) + value
    return [_over(period, own).get(0, {}) for period in chosen], {
        period.code: _over(period, communes) for period in chosen
    }


def _over(
    period: Period, by_year: dict[str, dict[int, dict[str, int]]]
) -> dict[int, dict[str, int]]:
    """One period's values per unit from the stored periods' (a span adds up its
    years for flows and keeps its last for stocks, as `figures` does)."""
    if period.kind != SPAN:
        return by_year[period.code]
    units = {pk for year in period.years for pk in by_year[year]}
    return {
        pk: _combine(
            (
                {"indicator": code, "period": year, "total": value}
                for year in period.years
                for code, value in by_year[year].get(pk, {}).items()
            ),
            period,
        )
        for pk in units
    }


def satisfaction_index(values: dict[str, int], period: Period) -> "indices.Satisfaction | None":
    """The satisfaction index of `values` (a unit's figures of `period`) by the formula
    of the period, None before there was one."""
    from coso.reports.formulas import for_periods

    found = for_periods([period])[0]
    return None if found is None else index_figures.satisfaction_of(values, found)


# Reads for the warnings' daily scan (coso/alerts): which reporting units' maintained
# figures meet a condition, and which units have not sent a report past its due day —
# each a fixed number of queries whatever the number of units.


@dataclass(frozen=True)
class Breach:
    unit_id: int
    province_id: int
    values: dict[str, int]


def units_where(*, period: Period, figures: dict[str, str], condition: Any) -> list[Breach]:
    """The reporting units whose figures of `period` meet `condition`: `figures` names
    each figure read ({alias: indicator code}), `condition` (a Q or a boolean
    expression) tests the aliases, each the unit's value or 0 when none is kept. One
    GROUP BY query on the maintained table, filtered in SQL (HAVING)."""
    columns = {
        alias: Sum(Case(When(indicator=code, then="value"), default=Value(0)))
        for alias, code in figures.items()
    }
    rows = (
        IndicatorValue.objects.filter(period=period.code, indicator__in=list(figures.values()))
        .values("unit_id", "province_id")
        .annotate(**columns)
        .filter(condition)
        .order_by()
    )
    return [
        Breach(r["unit_id"], r["province_id"], {alias: r[alias] for alias in figures}) for r in rows
    ]


@dataclass(frozen=True)
class LateReport:
    unit_id: int
    path: str
    type_id: int
    title: str
    period: str
    period_label: str
    due_on: dt.date


def reports_late(*, today: dt.date, days: int) -> list[LateReport]:
    """The units that had to send a report of an active type for one of its two latest
    periods, and have not sent it `days` days after it was due: one query for the types,
    then one per type, period and level (never per unit)."""
    late: list[LateReport] = []
    for report_type in ReportType.objects.filter(active=True):
        for period in recent(report_type, count=2):
            for level in report_type.levels_below(None):
                due = report_type.due_on(level, period)
                if due is None or (today - due).days <= days:
                    continue
                sent = Report.objects.filter(
                    report_type=report_type,
                    period=period.code,
                    is_current=True,
                    status__in=SENT,
                )
                units = Unit.objects.filter(existed_between(period.start, period.end), kind=level)
                units = units.exclude(pk__in=sent.values("unit_id"))
                late += [
                    LateReport(
                        pk, path, report_type.pk, report_type.title, period.code, period.label, due
                    )
                    for pk, path in units.values_list("pk", "path")
                ]
    return late


# Reads for the calendar feeds (coso.calendars): the due dates of the periodic reports
# units must send themselves, in a window of days.


@dataclass(frozen=True)
class DueReport:
    type_id: int
    type_code: str
    title: str
    unit_id: int
    unit_code: str
    unit_name: str
    period: str
    period_label: str
    due_on: dt.date


def _periods_ending(report_type: ReportType, first: dt.date, last: dt.date) -> list[Period]:
    """The periods of `report_type` that end between `first` and `last`."""
    found: list[Period] = []
    if report_type.kind == "span":
        years = report_type.span_years
        # No first year: terms run from this year on, as `periods.recent` counts them.
        anchor = report_type.span_from
        if anchor is None:
            anchor = timezone.localdate().year
        for year in range(first.year, last.year + 1):
            if (year - anchor + 1) % years == 0:
                found.append(span(year - years + 1, year))
        return [p for p in found if first <= p.end <= last]
    period = of_kind(HALF if report_type.kind == "half" else YEAR, first)
    while period.end <= last:
        if period.end >= first:
            found.append(period)
        period = of_kind(period.kind, period.end + dt.timedelta(days=1))
    return found


def _due_rows(
    types: list[ReportType], units: list[Unit], since: dt.date, until: dt.date
) -> dict[tuple[int, int, str], tuple[ReportType, Unit, str, dt.date]]:
    """(type, unit, period) → the due date its type's levels give, for those in the window."""
    rows = {}
    for report_type in types:
        for unit in units:
            days = report_type.due_days(unit.kind)
            if days is None:
                continue
            back = dt.timedelta(days=days)
            for period in _periods_ending(report_type, since - back, until - back):
                key = (report_type.pk, unit.pk, period.code)
                rows[key] = (report_type, unit, period.label, period.end + back)
    return rows


def reports_due(*, units: Iterable[Unit], since: dt.date, until: dt.date) -> list[DueReport]:
    """The periodic reports each of `units` must send itself (its own level's, not its
    sub-units') due from `since` to `until`: the day its current report says when one
    was drafted — a report returned with a new due date has moved — else the day its
    type's levels give. Two queries whatever the number of units, types and periods:
    the active types, then the current reports of those periods or due in the window."""
    chosen = {u.pk: u for u in units}
    if not chosen:
        return []
    types = list(ReportType.objects.filter(active=True))
    rows = _due_rows(types, list(chosen.values()), since, until)
    by_pk = {t.pk: t for t in types}
    current = Report.objects.filter(
        Q(period__in={key[2] for key in rows}) | Q(due_on__range=(since, until)),
        unit_id__in=list(chosen),
        report_type_id__in=list(by_pk),
        is_current=True,
    ).values_list("report_type_id", "unit_id", "period", "due_on")
    for type_id, unit_id, code, due in current:
        known = rows.get((type_id, unit_id, code))
        if known is not None:
            rows[(type_id, unit_id, code)] = (*known[:3], due)
        elif since <= due <= until:
            label = parse(code).label
            rows[(type_id, unit_id, code)] = (by_pk[type_id], chosen[unit_id], label, due)
    return [
        DueReport(t.pk, t.code, t.title, u.pk, u.code, u.name, code, label, due)
        for (_type, _unit, code), (t, u, label, due) in sorted(rows.items(), key=lambda r: r[1][3])
    ]


def reporting_units(*, user: Any) -> list[Unit]:
    """The units `user` writes the reports of: those where they hold a role with
    `reports.write` bound to the unit itself (a nationwide role is left out: it would
    be every unit). One query."""
    held = RoleAssignment.objects.filter(
        user=user, role__in=roles_for("reports.write"), unit__isnull=False
    ).select_related("unit")
    return list({a.unit.pk: a.unit for a in held}.values())  # type: ignore[union-attr]
