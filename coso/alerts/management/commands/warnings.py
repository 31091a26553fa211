from typing import Any

from django.utils import timezone

from coso.alerts.services import warnings_scan
from coso.core.commands import ActionCommand


class Command(ActionCommand):
    help = (
        "Hằng ngày: rà soát số liệu đã tổng hợp theo các quy định cảnh báo, mở cảnh báo "
        "mới và đóng cảnh báo không còn nguyên nhân (`coso warnings scan`). Chạy lại không "
        "mở trùng."
    )
    actions = ("scan",)

    def handle(self, *args: Any, **options: Any) -> None:
        scan = warnings_scan(today=timezone.localdate())
        self.stdout.write(f"Mở {scan.opened} cảnh báo, đóng {scan.closed} cảnh báo.")
