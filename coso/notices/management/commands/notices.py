import time
from typing import Any

from django.core.management.base import CommandParser

from coso.core.commands import ActionCommand
from coso.notices.services import deliver, give_up_stale


class Command(ActionCommand):
    help = (
        "Gửi các thông báo đang chờ trong hộp thư đi: `coso notices send` (một lượt, cho "
        "cron) hoặc `coso notices send --every 5` (chạy liên tục). Mỗi thông báo được gửi "
        "nhiều nhất một lần; lỗi được thử lại."
    )

    actions = ("send",)

    def add_options(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=float, help="chạy liên tục, mỗi lượt cách nhau chừng ấy giây"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            self._send_pending(verbose=not options["every"])
            if not options["every"]:
                return
            time.sleep(options["every"])

    def _send_pending(self, *, verbose: bool) -> None:
        stale = give_up_stale()
        total_sent = total_failed = after = 0
        while True:  # each pending notice tried once per run
            sent, failed, after = deliver(after=after)
            total_sent, total_failed = total_sent + sent, total_failed + failed
            if not after:
                break
        if verbose or total_sent or total_failed or stale:
            self.stdout.write(
                f"Đã gửi {total_sent} thông báo; {total_failed} lỗi, sẽ thử lại; "
                f"{stale} bị gián đoạn khi gửi, không gửi lại."
            )
