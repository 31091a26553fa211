import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import IntegrityError, transaction
from django.utils import timezone

from coso.accounts.models import RoleAssignment
from coso.core.permissions import roles_for
from coso.notices.services import notify
from coso.reports import reporting
from coso.reports.models import ReportReminder, ReportType


class Command(BaseCommand):
    help = (
        "Hằng ngày: nhắc các đơn vị sắp đến hạn hoặc đã quá hạn gửi báo cáo định kỳ "
        "(`coso reports remind`). Chạy lại trong ngày không gửi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind"])

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        sent = 0
        for report_type in ReportType.objects.filter(active=True):
            for period in reporting.recent_periods(report_type, count=2):
                for level in report_type.levels_below(None):
                    sent += self._remind(report_type, period, level, today)
        self.stdout.write(f"Đã gửi {sent} lời nhắc.")

    def _remind(self, report_type: ReportType, period: Any, level: str, today: dt.date) -> int:
        due = report_type.due_on(level, period)
        soon = today + dt.timedelta(days=settings.COSO_REPORT_SOON_DAYS)
        if due is None or today <= period.end or due > soon:
            return 0
        result = reporting.completeness(
            report_type=report_type, period=period, scope=None, level=level
        )
        addresses = self._emails([unit for unit, _late in result.missing])
        sent = 0
        for unit, late in result.missing:
            emails = addresses.get(unit.pk)
            if not emails or not self._claim(report_type, unit, period.code, today):
                continue
            state = f"đã quá hạn {late} ngày" if late else f"hạn gửi {due:%d/%m/%Y}"
            for email in emails:
                notify(
                    key=f"reports.remind:{today}:{report_type.pk}:{period.code}:{unit.pk}:{email}",
                    to=email,
                    subject=f"[Coso] {report_type.title} — {period.label}",
                    body=f"{unit.name} chưa gửi {report_type.title.lower()} "
                    f"{period.label.lower()} ({state}).",
                )
            sent += 1
        return sent

    def _claim(self, report_type: ReportType, unit: Any, period: str, today: dt.date) -> bool:
        try:
            with transaction.atomic():
                ReportReminder.objects.create(
                    report_type=report_type, unit=unit, period=period, on=today
                )
        except IntegrityError:
            return False
        return True

    def _emails(self, units: list[Any]) -> dict[int, list[str]]:
        """The addresses of those who write each unit's report (one query)."""
        holders = RoleAssignment.objects.filter(
            unit__in=units, role__in=roles_for("reports.write"), user__is_active=True
        ).exclude(user__email="")
        found: dict[int, set[str]] = {}
        for unit_id, email in holders.values_list("unit_id", "user__email"):
            found.setdefault(unit_id, set()).add(email)
        return {unit_id: sorted(emails) for unit_id, emails in found.items()}
