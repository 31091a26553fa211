from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from coso.reports.services.reminders import reports_remind


class Command(BaseCommand):
    help = (
        "Hằng ngày: nhắc các đơn vị sắp đến hạn hoặc đã quá hạn gửi báo cáo định kỳ "
        "(`coso reports remind`). Chạy lại trong ngày không gửi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind"])

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reports_remind(today=timezone.localdate())
        self.stdout.write(f"Đã gửi {sent} lời nhắc.")
