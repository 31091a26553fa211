import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from coso.accounts.models import Role
from coso.people.seed import SeedCounts
from coso.portal.demo import build_demo


class Command(BaseCommand):
    help = "Dựng tỉnh mẫu Lai Châu (khoảng 20.000 hộ, mỗi vai trò một tài khoản) rồi phục vụ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Chỉ dựng dữ liệu")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Cập nhật cơ sở dữ liệu…")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Nạp đơn vị hành chính và sinh dữ liệu mẫu cho Lai Châu…")

        def progress(counts: SeedCounts) -> None:
            self.stdout.write(f"  {counts.communes} xã, {counts.households} hộ")

        counts, accounts = build_demo(progress)
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
        if not options["no_serve"]:
            # What production runs beside the web server: the figures' refresh and the
            # outbox's sender (the demo's sign-in codes are printed when sent).
            workers = [
                subprocess.Popen([sys.executable, "-m", "coso.cli", *args])
                for args in (["indicators", "work"], ["notices", "send", "--every", "5"])
            ]
            try:
                call_command("serve")
            finally:
                for worker in workers:
                    worker.terminate()
