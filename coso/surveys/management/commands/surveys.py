from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coso.surveys.services import surveys_close_due


class Command(BaseCommand):
    help = (
        "Kết thúc các cuộc khảo sát đã qua ngày kết thúc: `coso surveys close-due` (mỗi "
        "ngày). Câu trả lời ẩn danh được mở, xáo trộn và tính kết quả; chạy lại không "
        "làm gì thêm."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["close-due"])

    def handle(self, *args: Any, **options: Any) -> None:
        closed = surveys_close_due()
        self.stdout.write(f"Đã kết thúc {closed} cuộc khảo sát.")
