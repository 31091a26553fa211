"""Reads of warnings: a unit's warnings (its own and its sub-units', for the unit and
the level above), newest first, a page by key in one query; one warning for a user, or
404; the open warnings under a unit for its dashboard. Warnings carry figures and
topics, never a resident's name or text: every monitoring role reads them."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coso.alerts.models import Closed, Warning
from coso.concerns import selectors as concerns
from coso.core.dates import vn_date
from coso.core.pagination import Page, int_key, keyset_page
from coso.core.permissions import get_or_404, scoped_for
from coso.reports import selectors as figures
from coso.units.selectors import Unit

__all__ = ["Closed", "Warning"]
READ = "aggregates.read"
OPEN, ALL = "open", "all"


def _under(unit: Unit | None) -> QuerySet[Warning]:
    qs = Warning.objects.all()
    return qs if unit is None else qs.filter(unit__path__startswith=unit.path)


def warnings_of(*, user: Any, unit: Unit, show: str, after: str, size: int) -> Page[Warning]:
    """`unit`'s warnings and its sub-units' that `user` may read, newest first: the open
    ones, or all (`show`). One query."""
    qs = scoped_for(_under(unit), user, READ, path_field="unit__path")
    if show != ALL:
        qs = qs.filter(closed_on__isnull=True)
    qs = qs.select_related("unit", "acknowledged_by")
    return keyset_page(qs, key="pk", after=int_key(after), size=size, descending=True)


def warning_get(*, user: Any, unit: Unit, pk: int, action: str) -> Warning:
    """One warning of `unit` (or under it) where `user` may do `action`, or 404."""
    qs = _under(unit).select_related("unit")
    return get_or_404(qs, user, action, path_field="unit__path", pk=pk)


@dataclass(frozen=True)
class Summary:
    count: int
    first: list[Warning]


def open_under(*, unit: Unit | None, first: int = 5) -> Summary:
    """The open warnings under `unit` (the nation when None): how many, and the newest
    few — two queries."""
    qs = _under(unit).filter(closed_on__isnull=True)
    shown = list(qs.select_related("unit").order_by("-pk")[:first])
    return Summary(qs.count(), shown)


# What a report or a hotspot warning records, in the order a page shows it.
FACTS = {
    "report": _("Báo cáo"),
    "period": _("Kỳ"),
    "due_on": _("Hạn gửi"),
    "topic": _("Lĩnh vực"),
    "opened_on": _("Ngày phát hiện điểm nóng"),
    "households": _("Số hộ, người nêu"),
}


def described(warning: Warning) -> list[tuple[Any, Any]]:
    """What the scan found, as (label, value) lines a page shows: the figures read
    with their labels, or the report or hotspot it is about."""
    details = warning.details
    lines: list[tuple[Any, Any]] = [
        (figures.label_of(code), value) for code, value in details.get("figures", {}).items()
    ]
    if "figures" in details:
        return lines
    return lines + [
        (label, _shown(name, details[name])) for name, label in FACTS.items() if name in details
    ]


def _shown(name: str, value: Any) -> Any:
    """A fact as a reader reads it: a day as dd/mm/yyyy, a topic by its label."""
    if name in ("due_on", "opened_on"):
        return vn_date(dt.date.fromisoformat(value))
    return concerns.label(value) if name == "topic" else value
