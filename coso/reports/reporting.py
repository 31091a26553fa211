"""Reads for periodic reports: who has reported (and who has not), and a report's
figure tables — from the frozen figures once sent, the live ones while a draft."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core.scoping import scoped
from coso.core.text import fold
from coso.reports import formulas, indices, periods, selectors
from coso.reports.models import SENT, Report, ReportType
from coso.reports.periods import Period
from coso.units.selectors import Unit, UnitKind, existed_between


@dataclass(frozen=True)
class Completeness:
    level: str
    due_on: dt.date | None
    expected: int
    submitted: int
    on_time: int
    missing: list[tuple[Unit, int]]  # (unit, days overdue)

    @property
    def submitted_share(self) -> float | None:
        return selectors.percent(self.submitted, self.expected)

    @property
    def on_time_share(self) -> float | None:
        return selectors.percent(self.on_time, self.expected)

    @property
    def missing_count(self) -> int:
        return self.expected - self.submitted


def completeness(
    *, report_type: ReportType, period: Period, scope: Unit | None, level: str, named: bool = True
) -> Completeness:
    """Of the units of `level` under `scope` obliged to report for `period`: how many
    sent their report, how many on time, and (when `named`) who is missing — three
    queries."""
    expected = Unit.objects.filter(existed_between(period.start, period.end), kind=level)
    if scope is not None:
        expected = expected.filter(path__startswith=scope.path)
    sent = Report.objects.filter(
        report_type=report_type,
        period=period.code,
        is_current=True,
        status__in=SENT,
        unit__in=expected,
    )
    counts = sent.aggregate(submitted=Count("id"), on_time=Count("id", filter=Q(on_time=True)))
    due = report_type.due_on(level, period)
    late = max(0, (timezone.localdate() - due).days) if due else 0
    missing = expected.exclude(pk__in=sent.values("unit_id")).order_by("search_name")
    return Completeness(
        level=level,
        due_on=due,
        expected=expected.count(),
        submitted=counts["submitted"],
        on_time=counts["on_time"],
        missing=[(unit, late) for unit in missing] if named else [],
    )


def submitted_below(report: Report) -> QuerySet[Report]:
    """The sent reports of the unit's sub-units for the same type and period (a
    province's communes), in name order."""
    return sent_under(report.report_type, report.period, report.unit)


def sent_under(report_type: ReportType, period: str, unit: Unit | None) -> QuerySet[Report]:
    """The current sent reports of `unit`'s direct sub-units (the provinces for the
    nation, None) for a type and period, in name order."""
    below = Q(unit__parent=unit) if unit is not None else Q(unit__kind="province")
    return (
        Report.objects.filter(
            below, report_type=report_type, period=period, is_current=True, status__in=SENT
        )
        .select_related("unit")
        .order_by("unit__search_name")
    )


def reports_for(*, user: Any, unit: Unit) -> QuerySet[Report]:
    return scoped(
        Report.objects.filter(unit=unit, is_current=True), user, path_field="unit__path"
    ).select_related("report_type")


@dataclass(frozen=True)
class Coverage:
    """Whose reports a report adds up: of the `expected` sub-units, those `included`
    (names) and those `missing` (name, days late), as frozen when it was sent or as
    they stand for a draft."""

    expected: int
    included: list[str]
    missing: list[tuple[str, int]]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[tuple[str, Any]]  # (code, label)
    rows: list[tuple[str, list[Any]]]  # (sub-unit name, values)
    totals: list[Any]
    # The whole unit's live figures (every sub-unit, reported or not) beside the totals
    # of the reports it adds up; None for a report read from the unit's records alone.
    live: list[Any] | None = None


def first_level_below(report: Report) -> str | None:
    """The level whose reports a report adds up (a province's communes), if any."""
    below = report.report_type.levels_below(report.unit.kind)
    return below[0] if below else None


def coverage_now(report: Report) -> dict[str, Any]:
    """Whose reports `report` adds up today, in the form a sent report keeps: {} for a
    report read from the unit's own records (a commune's)."""
    level = first_level_below(report)
    if level is None:
        return {}
    period = periods.parse(report.period)
    result = completeness(
        report_type=report.report_type, period=period, scope=report.unit, level=level
    )
    return {
        "expected": result.expected,
        "included": list(submitted_below(report).values_list("unit__code", flat=True)),
        "missing": [[unit.code, late] for unit, late in result.missing],
    }


def coverage_of(report: Report) -> Coverage | None:
    """The report's coverage: frozen once sent, as it stands while a draft."""
    stored = report.coverage if report.status in SENT else coverage_now(report)
    if not stored:
        return None
    codes = [*stored["included"], *(code for code, _late in stored["missing"])]
    names = dict(Unit.objects.filter(code__in=codes).values_list("code", "name"))
    return Coverage(
        expected=stored["expected"],
        included=sorted((names.get(c, c) for c in stored["included"]), key=fold),
        missing=[(names.get(code, code), late) for code, late in stored["missing"]],
    )


def figures_of(report: Report) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """The report's figures: frozen once sent, live while a draft."""
    if report.status in SENT:
        return report.figures, report.sub_figures
    return frozen_figures(report)


def frozen_figures(report: Report) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """What a report freezes when sent. A commune: its figures from the maintained
    table. A province: its communes' frozen figures, each and added up, with the
    province's own (what it received and handled itself)."""
    period = periods.parse(report.period)
    if report.unit.kind != UnitKind.PROVINCE:
        return selectors.figures(unit=report.unit, period=period), {}
    per_unit = {r.unit.code: r.figures for r in submitted_below(report)}
    own = selectors.own_figures(unit=report.unit, period=period)
    if own:
        per_unit[report.unit.code] = own
    totals: dict[str, int] = {}
    for figures in per_unit.values():
        for code, value in figures.items():
            totals[code] = totals.get(code, 0) + value
    return totals, per_unit


def live_of(report: Report) -> dict[str, int] | None:
    """The whole unit's figures beside a report added up from sub-units' reports:
    those kept when it was sent, today's while a draft; None for a commune's."""
    if first_level_below(report) is None:
        return None
    if report.status in SENT:
        return report.live_figures
    return selectors.figures(unit=report.unit, period=periods.parse(report.period))


def refreshed_of(report: Report) -> dt.datetime | None:
    """When a draft's live figures were last refreshed (None once sent: frozen)."""
    if report.status in SENT:
        return None
    return selectors.refreshed_at(period=periods.parse(report.period))


def own_label(unit: Unit) -> str:
    """How a unit's own records are named beside its sub-units' (a province's)."""
    return _("%(name)s (hồ sơ cấp tỉnh)") % {"name": unit.name}


def tables(report: Report) -> list[Table]:
    """The report type's figure tables: a row per sub-unit (a province's communes), the
    totals and, for a report added up from sub-units' reports, the whole unit's live
    figures beside them; a commune's report has its totals only."""
    totals, per_unit = figures_of(report)
    live = live_of(report)
    names: dict[str, str] = dict(
        Unit.objects.filter(code__in=list(per_unit)).values_list("code", "name")
    )
    if report.unit.code in names:  # a province's own records, beside its communes'
        names[report.unit.code] = own_label(report.unit)
    order = sorted(
        per_unit, key=lambda code: (code == report.unit.code, fold(names.get(code) or code))
    )
    found = formulas.for_periods([periods.parse(report.period)])[0]
    specs = list(report.report_type.tables)
    listed = {c for spec in specs for c in spec["indicators"]}
    if found is not None and not listed & set(indices.CODES):
        specs.append({"title": _index_title(found), "indicators": list(indices.CODES)})
    out = []
    for spec in specs:
        codes = spec["indicators"]

        def shown(values: dict[str, int], codes: list[str] = codes) -> list[Any]:
            return [selectors.figure_of(c, values, found) for c in codes]

        out.append(
            Table(
                title=spec["title"],
                columns=[(c, selectors.label_of(c)) for c in codes],
                rows=[(names.get(code, code), shown(per_unit[code])) for code in order],
                totals=shown(totals),
                live=None if live is None else shown(live),
            )
        )
    return out


def _index_title(found: formulas.Formulas) -> str:
    """The indices' table, derived from the report's own figures by the formulas of its
    period (not stored): its title names the formulas and their versions."""
    part, sat = found.versions
    return _(
        "Chỉ số tính từ số liệu trên (không nhập tay): chỉ số hài lòng theo index.satisfaction "
        "phiên bản %(sat)s, chưa công bố khi dưới %(min)s câu trả lời; chỉ số tham gia "
        "(thang 0–10) theo index.participation phiên bản %(part)s"
    ) % {"sat": sat, "part": part, "min": found.min_sample}


@dataclass(frozen=True)
class Due:
    """One report a unit owes: its type, period, deadline and where it stands."""

    report_type: ReportType
    period: Period
    due_on: dt.date
    report: Report | None
    days_late: int  # > 0: past its deadline and not sent
    period_over: bool

    @property
    def sent(self) -> bool:
        return self.report is not None and self.report.status in SENT


def dues(*, user: Any, unit: Unit) -> list[Due]:
    """The reports `unit` owes over the recent periods of each active type, with their
    deadlines and status: those late first (latest first), then by deadline."""
    today = timezone.localdate()
    current = {(r.report_type_id, r.period): r for r in reports_for(user=user, unit=unit)}
    found = []
    for report_type in ReportType.objects.filter(active=True).order_by("code"):
        for period in recent_periods(report_type):
            due = report_type.due_on(unit.kind, period)
            if due is None:
                continue
            report = current.get((report_type.pk, period.code))
            sent = report is not None and report.status in SENT
            late = 0 if sent else max(0, (today - due).days)
            found.append(Due(report_type, period, due, report, late, today > period.end))
    return sorted(found, key=lambda d: (-d.days_late, d.due_on))


def recent_periods(report_type: ReportType, count: int = 3) -> list[periods.Period]:
    """The latest periods of the report type, newest first (the one under way included)."""
    return periods.recent(report_type, count)
