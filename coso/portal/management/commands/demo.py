import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coso.accounts.models import Role
from coso.people.seed import SeedCounts
from coso.portal.demo import demo_people, demo_records


class Command(BaseCommand):
    help = (
        "Dựng tỉnh mẫu Lai Châu (khoảng 20.000 hộ, mỗi vai trò một tài khoản) và phục vụ: "
        "trang web mở ngay, phần còn lại của dữ liệu mẫu được dựng tiếp phía sau."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Chỉ dựng dữ liệu")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Cập nhật cơ sở dữ liệu…")
        call_command("migrate", interactive=False, verbosity=0)
        if options["no_serve"]:
            self._people()
            demo_records()
            return
        # The server starts first, so a newcomer sees a page within seconds; the
        # pages say the demo is still being prepared until the seeds are done.
        settings.DEMO_MARKER.touch()
        running = [subprocess.Popen([sys.executable, "-m", "coso", "serve"])]
        server = running[0]
        try:
            self._people()
            self.stdout.write("\nĐang chuẩn bị phần còn lại của dữ liệu mẫu (trang web đã mở)…")
            demo_records()
            settings.DEMO_MARKER.unlink()
            # What production runs beside the web server: the figures' refresh and the
            # outbox's sender (the demo's sign-in codes are printed when sent).
            running += [
                subprocess.Popen([sys.executable, "-m", "coso", *args])
                for args in (["indicators", "work"], ["notices", "send", "--every", "5"])
            ]
            self.stdout.write("Bản demo đã sẵn sàng.")
            if server.wait():
                raise CommandError("Máy chủ web đã dừng vì lỗi.")
        finally:
            settings.DEMO_MARKER.unlink(missing_ok=True)
            for process in running:
                if process.poll() is None:
                    process.terminate()
                    process.wait()

    def _people(self) -> None:
        self.stdout.write("Nạp đơn vị hành chính, sinh hộ và nhân khẩu mẫu cho Lai Châu…")

        def progress(counts: SeedCounts) -> None:
            self.stdout.write(f"  {counts.communes} xã, {counts.households} hộ")

        counts, accounts = demo_people(progress)
        if counts.communes:
            self.stdout.write(f"Đã sinh {counts.households} hộ, {counts.residents} nhân khẩu.")
        else:
            self.stdout.write("Dữ liệu mẫu đã có sẵn, không sinh thêm.")
        self.stdout.write("\nTài khoản mẫu (tên đăng nhập / mật khẩu — vai trò):")
        for a in accounts:
            self.stdout.write(
                f"  {a.username:<12} / {a.password:<18} — {Role(a.role).label} — {a.full_name}"
            )
        if settings.COSO_2FA_WAIVED:
            self.stdout.write(
                "\nXác thực hai bước được miễn cho bản demo (COSO_2FA_WAIVED=1; môi trường "
                "production không chấp nhận cài đặt này)."
            )
        else:
            self.stdout.write(
                "\nCác vai trò xem thông tin cá nhân cần mã xác thực hai bước: lần đầu đăng "
                "nhập, quét mã QR bằng ứng dụng xác thực. Hoặc chạy lại với COSO_2FA_WAIVED=1."
            )
