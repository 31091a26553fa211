"""Reminding units that have not sent a report: by the daily command for every unit
near or past its due day, or by the level above from its "who has not reported" page.
Every reminder goes through the outbox; one a unit a day."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.accounts.selectors import RoleAssignment
from coso.core import audit
from coso.core.errors import DomainError
from coso.core.permissions import can, can_nationwide, roles_for
from coso.notices.services import notify
from coso.reports import reporting
from coso.reports.models import ReportReminder, ReportType
from coso.reports.periods import Period
from coso.units.selectors import Unit


def writers_of(units: list[Unit]) -> dict[int, list[RoleAssignment]]:
    """The active accounts that write each unit's report, with their contact (one
    query): who a reminder goes to, and who the level above may call."""
    holders = (
        RoleAssignment.objects.filter(
            unit__in=units, role__in=roles_for("reports.write"), user__is_active=True
        )
        .select_related("user")
        .order_by("unit_id", "user__username")
    )
    found: dict[int, list[RoleAssignment]] = {}
    for holder in holders:
        found.setdefault(holder.unit_id, []).append(holder)  # type: ignore[arg-type]
    return found


def _remind(
    report_type: ReportType, period: Period, unit: Unit, late: int, holders: list[Any]
) -> bool:
    """Queue the reminder to the unit's writers, once a day; whether it was queued."""
    today = timezone.localdate()
    emails = sorted({h.user.email for h in holders if h.user.email})
    if not emails:
        return False
    try:
        with transaction.atomic():
            ReportReminder.objects.create(
                report_type=report_type, unit=unit, period=period.code, on=today
            )
    except IntegrityError:
        return False
    due = report_type.due_on(unit.kind, period)
    state = f"đã quá hạn {late} ngày" if late else f"hạn gửi {due:%d/%m/%Y}"
    for email in emails:
        notify(
            key=f"reports.remind:{today}:{report_type.pk}:{period.code}:{unit.pk}:{email}",
            to=email,
            subject=f"[Coso] {report_type.title} — {period.label}",
            body=f"{unit.name} chưa gửi {report_type.title.lower()} "
            f"{period.label.lower()} ({state}).",
        )
    return True


def reports_remind(*, today: dt.date) -> int:
    """Remind every unit whose report is due soon or overdue and not sent (the daily
    `coso reports remind`); returns the units reminded."""
    sent = 0
    soon = today + dt.timedelta(days=settings.COSO_REPORT_SOON_DAYS)
    for report_type in ReportType.objects.filter(active=True):
        for period in reporting.recent_periods(report_type, count=2):
            for level in report_type.levels_below(None):
                due = report_type.due_on(level, period)
                if due is None or today <= period.end or due > soon:
                    continue
                result = reporting.completeness(
                    report_type=report_type, period=period, scope=None, level=level
                )
                holders = writers_of([unit for unit, _late in result.missing])
                for unit, late in result.missing:
                    sent += _remind(report_type, period, unit, late, holders.get(unit.pk, []))
    return sent


def report_remind(*, actor: Any, report_type: ReportType, period: Period, unit: Unit) -> None:
    """The level above reminds one unit that has not sent its report (audited)."""
    above = unit.parent
    allowed = (
        can(actor, "reports.approve", path=above.path)
        if above is not None
        else can_nationwide(actor, "reports.approve")
    )
    if not allowed:
        raise DomainError(_("Chỉ cấp trên của đơn vị mới nhắc đơn vị gửi báo cáo."))
    result = reporting.completeness(
        report_type=report_type, period=period, scope=unit, level=unit.kind
    )
    if not result.missing:
        raise DomainError(_("%(u)s đã gửi báo cáo này.") % {"u": unit.name})
    (_unit, late), holders = result.missing[0], writers_of([unit]).get(unit.pk, [])
    if not any(h.user.email for h in holders):
        raise DomainError(
            _("%(u)s chưa có cán bộ nào có địa chỉ thư để nhận lời nhắc.") % {"u": unit.name}
        )
    if not _remind(report_type, period, unit, late, holders):
        raise DomainError(_("Hôm nay đã nhắc %(u)s rồi.") % {"u": unit.name})
    audit.log_event(
        actor=actor,
        model="reports.reportreminder",
        object_pk=f"{report_type.pk}:{period.code}:{unit.pk}",
        unit_id=unit.pk,
        changes={"reminded": [None, str(timezone.localdate())]},
    )
