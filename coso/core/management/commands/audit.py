from typing import Any

from django.core.management.base import CommandError

from coso.core import audit
from coso.core.commands import ActionCommand
from coso.core.models import NATIONAL_CHAIN

REASONS = {
    "missing": "đã bị xóa",
    "previous hash differs": "không nối với dòng trước (dòng trước đã bị sửa hoặc xóa)",
    "content altered": "đã bị sửa",
    "signature": (
        "chữ ký không khớp (chuỗi đã bị ghi lại bởi người không giữ khóa ký COSO_AUDIT_KEYS)"
    ),
    "checkpoint": "khác với mốc đầu chuỗi đã ký và công bố hằng ngày",
    "not opened": "chuỗi không được mở trong chuỗi toàn quốc (chuỗi bị thêm vào hoặc bị sửa)",
}


class Command(ActionCommand):
    help = "Kiểm tra nhật ký thay đổi: `coso audit verify`."
    actions = ("verify",)

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit.verify()
        if not result.ok:
            chain = result.chain or NATIONAL_CHAIN
            name = audit.chain_names([chain]).get(chain, "")
            raise CommandError(
                f"Nhật ký bị phá vỡ ở chuỗi {chain} ({name}) tại dòng #{result.broken_seq}: "
                f"{REASONS.get(result.reason, result.reason)} "
                f"({result.checked} dòng trước đó của chuỗi nguyên vẹn)."
            )
        self.stdout.write(f"Nhật ký nguyên vẹn: {result.checked} dòng trong {result.chains} chuỗi.")
