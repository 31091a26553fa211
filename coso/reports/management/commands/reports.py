from django.utils import timezone

from coso.core.commands import ReminderCommand
from coso.reports.services.reminders import reports_remind


class Command(ReminderCommand):
    help = (
        "Hằng ngày: nhắc các đơn vị sắp đến hạn hoặc đã quá hạn gửi báo cáo định kỳ "
        "(`coso reports remind`). Chạy lại trong ngày không gửi trùng."
    )

    def remind(self) -> str:
        sent = reports_remind(today=timezone.localdate())
        return f"Đã gửi {sent} lời nhắc."
