import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coso.people.seed import SeedCounts, SeedSize, seed_communes
from coso.units.models import Unit, UnitKind
from coso.units.selectors import current_units
from coso.units.services import units_import_national

DEFAULTS = {  # (villages per commune, households per village)
    "province": (10, 50),
    "nation": (5, 20),
}


class Command(BaseCommand):
    help = "Sinh dữ liệu tổng hợp: thôn, hộ và nhân khẩu cho một tỉnh hoặc cả nước."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(DEFAULTS), required=True)
        parser.add_argument("--province", default="12", help="Mã tỉnh (mặc định 12, Lai Châu)")
        parser.add_argument("--villages-per-commune", type=int)
        parser.add_argument("--households-per-village", type=int)
        parser.add_argument("--communes", type=int, help="Chỉ lấy N xã đầu tiên")

    def handle(self, *args: Any, **options: Any) -> None:
        units_import_national()
        villages, households = DEFAULTS[options["scale"]]
        size = SeedSize(
            options["villages_per_commune"] or villages,
            options["households_per_village"] or households,
        )
        communes = current_units().filter(kind=UnitKind.COMMUNE).order_by("code")
        if options["scale"] == "province":
            province = Unit.objects.filter(code=options["province"], kind=UnitKind.PROVINCE).first()
            if province is None:
                raise CommandError(f"Không có tỉnh mã {options['province']}.")
            communes = communes.filter(path__startswith=province.path)
        if options["communes"]:
            communes = communes[: options["communes"]]
        started = time.perf_counter()

        def progress(counts: SeedCounts) -> None:
            elapsed = time.perf_counter() - started
            self.stdout.write(
                f"  {counts.communes} xã, {counts.households} hộ, "
                f"{counts.residents} nhân khẩu ({counts.rows / elapsed:,.0f} dòng/giây)"
            )

        counts = seed_communes(communes=list(communes), size=size, progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Đã sinh {counts.villages} thôn/tổ, {counts.households} hộ, {counts.residents} "
            f"nhân khẩu trong {elapsed:.1f} giây ({counts.rows / max(elapsed, 1e-9):,.0f} dòng/giây)."
        )
