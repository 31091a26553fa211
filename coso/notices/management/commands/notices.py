from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coso.notices.services import deliver, give_up_stale


class Command(BaseCommand):
    help = (
        "Gửi các thông báo đang chờ trong hộp thư đi: `coso notices send` (chạy vài phút "
        "một lần). Mỗi thông báo được gửi nhiều nhất một lần; lỗi được thử lại."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["send"])

    def handle(self, *args: Any, **options: Any) -> None:
        stale = give_up_stale()
        total_sent = total_failed = after = 0
        while True:  # each pending notice tried once per run
            sent, failed, after = deliver(after=after)
            total_sent, total_failed = total_sent + sent, total_failed + failed
            if not after:
                break
        self.stdout.write(
            f"Đã gửi {total_sent} thông báo; {total_failed} lỗi, sẽ thử lại; "
            f"{stale} bị gián đoạn khi gửi, không gửi lại."
        )
