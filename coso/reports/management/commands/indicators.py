import logging
import time
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from coso.core import indicators
from coso.core.commands import ActionCommand
from coso.core.errors import DomainError
from coso.reports import periods
from coso.reports.services import refresh, touches_work
from coso.units.selectors import Unit

logger = logging.getLogger(__name__)


class Command(ActionCommand):
    help = (
        "Tính lại các chỉ tiêu từ hồ sơ: `coso indicators refresh [--unit MÃ] [--period KỲ]` "
        "(mặc định: mọi đơn vị, mọi kỳ của 5 năm gần nhất). Chạy lại bao nhiêu lần "
        "cũng cho cùng kết quả; chạy hằng ngày với --current để cập nhật số tồn (đơn quá hạn). "
        "`coso indicators work` tính lại những gì các thay đổi đã ghi nhận, chạy liên tục "
        "(hoặc --once, một lượt, cho cron)."
    )

    actions = ("refresh", "work")

    def add_options(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="mã đơn vị: chỉ đơn vị này và các đơn vị trực thuộc")
        parser.add_argument("--period", help="một kỳ: 2026-11, 2026-Q4, 2026-H1, 2026")
        parser.add_argument("--current", action="store_true", help="chỉ các kỳ chứa hôm nay")
        parser.add_argument("--since", type=int, help="năm đầu (mặc định: 5 năm gần nhất)")
        parser.add_argument("--once", action="store_true", help="work: một lượt rồi dừng")
        parser.add_argument(
            "--sleep", type=float, default=5.0, help="work: số giây chờ khi không còn việc"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "work":
            self._work(once=options["once"], pause=options["sleep"])
            return
        started = time.perf_counter()
        unit_ids = self._units(options["unit"])
        written = 0
        chosen = self._periods(options)
        for source in indicators.sources():
            for period in chosen:
                written += refresh(source=source, period=period, unit_ids=unit_ids)
        self.stdout.write(
            f"Đã tính lại {len(indicators.indicators())} chỉ tiêu, {len(chosen)} kỳ: "
            f"{written} giá trị khác 0 trong {time.perf_counter() - started:.1f} giây."
        )

    def _work(self, *, once: bool, pause: float) -> None:
        """Refresh what changes recorded until none is left; then stop (`--once`) or
        wait and look again. Running on, a failed refresh is logged and its touches are
        claimed again once stale."""
        while True:
            done = 0
            try:
                while claimed := touches_work():
                    done += claimed
            except Exception:
                if once:
                    raise
                logger.exception("figures refresh failed; its touches are kept")
            if once:
                self.stdout.write(f"Đã tính lại số liệu cho {done} ghi nhận thay đổi.")
                return
            time.sleep(pause)

    def _units(self, code: str | None) -> list[int] | None:
        if not code:
            return None
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã “{code}”.")
        return list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))

    def _periods(self, options: dict[str, Any]) -> list[periods.Period]:
        today = timezone.localdate()
        if options["period"]:
            try:
                period = periods.parse(options["period"])
            except DomainError as error:
                raise CommandError(error.message) from error
            if period.kind == periods.SPAN:
                return [p for y in period.years for p in periods.in_year(int(y))]
            return [period]
        if options["current"]:
            return periods.containing(today)
        first = options["since"] or today.year - 4
        found = []
        for year in range(first, today.year + 1):
            found += [p for p in periods.in_year(year) if p.start <= today]
        return found
