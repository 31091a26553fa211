import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from coso.decisions.crypto import verify_record


class Command(BaseCommand):
    help = (
        "Kiểm chứng hồ sơ công bố của một vòng bỏ phiếu kín mã hoá: cộng lại các phiếu đã "
        "công bố và đối chiếu kết quả đã giải mã. `coso verify-round FILE [--receipt MÃ]`."
    )
    # Anyone can check a record on their own machine: no database, no system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp JSON hồ sơ kiểm chứng của vòng bỏ phiếu")
        parser.add_argument("--receipt", help="Biên nhận (mã băm) của phiếu cần tìm")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            doc = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(_("Không đọc được hồ sơ: %(e)s") % {"e": error}) from None
        verdict = verify_record(doc if isinstance(doc, dict) else {})
        receipt = options["receipt"]
        if receipt:
            found = receipt.strip().lower() in verdict.receipts
            self.stdout.write(
                _("Biên nhận có trong danh sách phiếu.")
                if found
                else _("Biên nhận KHÔNG có trong danh sách phiếu.")
            )
        if not verdict.ok:
            for problem in verdict.problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(
                _("Hồ sơ KHÔNG hợp lệ: %(n)s điều không khớp.") % {"n": len(verdict.problems)}
            )
        labels = doc.get("options") or [str(i + 1) for i in range(len(verdict.totals))]
        counts = ", ".join(
            f"{label}: {t}" for label, t in zip(labels, verdict.totals, strict=False)
        )
        self.stdout.write(
            _("Hồ sơ hợp lệ: %(n)s phiếu; tổng mã hoá và kết quả giải mã khớp (%(counts)s).")
            % {"n": len(verdict.receipts), "counts": counts}
        )
        if receipt and receipt.strip().lower() not in verdict.receipts:
            raise CommandError(_("Biên nhận KHÔNG có trong danh sách phiếu."))
