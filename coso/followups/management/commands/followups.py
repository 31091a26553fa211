from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coso.followups.reminders import remind


class Command(BaseCommand):
    help = (
        "Nhắc người chịu trách nhiệm về việc sắp đến hạn hoặc quá hạn: `coso followups "
        "remind` (mỗi ngày). Chạy nhiều lần trong ngày không gửi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind"])

    def handle(self, *args: Any, **options: Any) -> None:
        written, listed = remind()
        self.stdout.write(f"Đã nhắc {written} địa chỉ về {listed} việc.")
