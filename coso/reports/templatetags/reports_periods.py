"""The period picker of the dashboards (reports/_period.html): periods chosen from a
list with their names ("Quý IV/2026"), not typed as a code."""

from typing import Any

from django import template

from coso.reports import periods
from coso.reports.models import ReportKind, ReportType

register = template.Library()


@register.simple_tag
def period_groups(current: Any) -> list[tuple[str, list[periods.Period]]]:
    """The periods offered, grouped by year, with the multi-year terms the active
    report types review (each type's two latest)."""
    spans: dict[str, periods.Period] = {}
    for report_type in ReportType.objects.filter(active=True, kind=ReportKind.SPAN):
        spans.update({p.code: p for p in periods.recent(report_type, 2)})
    return periods.picker(current, sorted(spans.values(), key=lambda p: p.code, reverse=True))
