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
from coso.reports import periods, selectors
from coso.reports.models import Report, ReportStatus, ReportType
from coso.reports.periods import Period
from coso.units.models import Unit
from coso.units.selectors import existed_between

SENT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


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
class Table:
    title: str
    columns: list[tuple[str, Any]]  # (code, label)
    rows: list[tuple[str, list[Any]]]  # (sub-unit name, values)
    totals: list[Any]


def figures_of(report: Report) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """The report's figures: frozen once sent, live while a draft."""
    if report.status in SENT:
        return report.figures, report.sub_figures
    from coso.reports.services.reports import frozen_figures

    return frozen_figures(report)


def tables(report: Report) -> list[Table]:
    """The report type's figure tables: a row per sub-unit (a province's communes) and
    the totals; a commune's report has its totals only."""
    totals, per_unit = figures_of(report)
    names = dict(Unit.objects.filter(code__in=list(per_unit)).values_list("code", "name"))
    if report.unit.code in names:  # a province's own records, beside its communes'
        names[report.unit.code] = _("%(name)s (cấp tỉnh)") % {"name": report.unit.name}
    out = []
    for spec in report.report_type.tables:
        codes = spec["indicators"]
        out.append(
            Table(
                title=spec["title"],
                columns=[(c, selectors.label_of(c)) for c in codes],
                rows=[
                    (names.get(code, code), [selectors.value_of(c, values) for c in codes])
                    for code, values in sorted(
                        per_unit.items(), key=lambda kv: fold(names.get(kv[0], kv[0]))
                    )
                ],
                totals=[selectors.value_of(c, totals) for c in codes],
            )
        )
    return out


def recent_periods(report_type: ReportType, count: int = 3) -> list[periods.Period]:
    """The latest periods of the report type, newest first (the one under way included)."""
    today = timezone.localdate()
    if report_type.kind == "span":
        span = report_type.span_years
        anchor = report_type.span_from if report_type.span_from is not None else today.year
        first = today.year - (today.year - anchor) % span  # the term under way
        found = [periods.span(first, first + span - 1)]
        while len(found) < count:
            found.append(found[-1].previous())
        return found
    kind = periods.HALF if report_type.kind == "half" else periods.YEAR
    found = [periods.of_kind(kind, today)]
    while len(found) < count:
        found.append(found[-1].previous())
    return found
