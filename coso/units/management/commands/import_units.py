from typing import Any

from django.core.management.base import BaseCommand

from coso.units.services import units_import_national


class Command(BaseCommand):
    help = (
        "Nạp 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (sau 1/7/2025); chạy lại không đổi gì."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = units_import_national()
        self.stdout.write(
            f"Đơn vị hành chính: thêm {counts.created}, cập nhật {counts.updated}, "
            f"giữ nguyên {counts.unchanged}."
        )
