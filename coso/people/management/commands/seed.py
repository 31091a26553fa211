import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Model

from coso.core import bulk
from coso.people.models import Household, Resident
from coso.people.seed import (
    HOUSEHOLD_COLUMNS,
    NATION_HOUSEHOLDS,
    RESIDENT_COLUMNS,
    UNIT_COLUMNS,
    SeedCounts,
    SeedSize,
    nation_sizes,
    seed_communes,
)
from coso.units.models import Unit, UnitKind
from coso.units.selectors import current_units
from coso.units.services import units_import_national

# A province: villages per commune, households per village.
PROVINCE_SIZE = SeedSize(10, 50)
# Rows of each table loaded again by COPY alone, to measure the floor (PostgreSQL).
FLOOR_SAMPLE = 300_000


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu tổng hợp: thôn, hộ và nhân khẩu cho một tỉnh, hoặc cho cả nước "
        "theo một tỉ lệ của số hộ thật; in tốc độ (dòng/giây) bên cạnh tốc độ COPY của "
        "PostgreSQL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=["nation", "province"], required=True)
        parser.add_argument("--province", default="12", help="Mã tỉnh (mặc định 12, Lai Châu)")
        parser.add_argument(
            "--fraction",
            type=float,
            default=0.01,
            help=f"Cả nước: tỉ lệ của {NATION_HOUSEHOLDS:,} hộ (mặc định 0,01)",
        )
        parser.add_argument("--villages-per-commune", type=int, help="Một tỉnh: số thôn mỗi xã")
        parser.add_argument("--households-per-village", type=int, help="Một tỉnh: số hộ mỗi thôn")
        parser.add_argument("--communes", type=int, help="Chỉ lấy N xã đầu tiên")

    def handle(self, *args: Any, **options: Any) -> None:
        units_import_national()
        communes = list(current_units().filter(kind=UnitKind.COMMUNE).order_by("code"))
        size: SeedSize | dict[str, SeedSize]
        if options["scale"] == "nation":
            if not 0 < options["fraction"] <= 1:
                raise CommandError("--fraction phải lớn hơn 0 và không quá 1.")
            size = nation_sizes(communes, options["fraction"])
        else:
            province = Unit.objects.filter(code=options["province"], kind=UnitKind.PROVINCE).first()
            if province is None:
                raise CommandError(f"Không có tỉnh mã {options['province']}.")
            communes = [c for c in communes if c.path.startswith(province.path)]
            size = SeedSize(
                options["villages_per_commune"] or PROVINCE_SIZE.villages_per_commune,
                options["households_per_village"] or PROVINCE_SIZE.households_per_village,
            )
        if options["communes"]:
            communes = communes[: options["communes"]]
        started = time.perf_counter()

        def progress(counts: SeedCounts) -> None:
            elapsed = time.perf_counter() - started
            self.stdout.write(
                f"  {counts.communes} xã, {counts.households} hộ, "
                f"{counts.residents} nhân khẩu ({counts.rows / elapsed:,.0f} dòng/giây)"
            )

        counts = seed_communes(
            communes=communes,
            size=size,
            progress=progress,
            sample=FLOOR_SAMPLE if connection.vendor == "postgresql" else 0,
        )
        if not counts.communes:
            self.stdout.write("Các xã đã có dữ liệu, không sinh thêm.")
            return
        self._report(counts, time.perf_counter() - started)

    def _report(self, counts: SeedCounts, seconds: float) -> None:
        rate = counts.rows / seconds
        self.stdout.write(
            f"Đã sinh {counts.villages:,} thôn/tổ, {counts.households:,} hộ, "
            f"{counts.residents:,} nhân khẩu trong {seconds:.1f} giây ({rate:,.0f} dòng/giây)."
        )
        nation_rows = NATION_HOUSEHOLDS * counts.rows / counts.households
        line = f"Cả nước ({NATION_HOUSEHOLDS:,} hộ, {nation_rows:,.0f} dòng): ước tính "
        line += f"{nation_rows / rate / 60:,.0f} phút với coso seed"
        if counts.sample:
            floor = self._copy_rate(counts)
            self.stdout.write(
                f"COPY của PostgreSQL với cùng các dòng: {floor:,.0f} dòng/giây; "
                f"coso seed đạt {rate / floor:.0%} của COPY."
            )
            line += f", {nation_rows / floor / 60:,.0f} phút với COPY"
        self.stdout.write(line + ".")

    def _copy_rate(self, counts: SeedCounts) -> float:
        """COPY's rows per second over the same mix of rows: each table's rate,
        measured on its sample, weighted by the rows the seed wrote to it."""
        tables: dict[type[Model], tuple[tuple[str, ...], int]] = {
            Unit: (UNIT_COLUMNS, counts.villages),
            Household: (HOUSEHOLD_COLUMNS, counts.households),
            Resident: (RESIDENT_COLUMNS, counts.residents),
        }
        seconds = 0.0
        with transaction.atomic():
            for model, sample in counts.sample.items():
                columns, written = tables[model]
                seconds += bulk.copy_floor(model, columns, sample) * written / len(sample)
        return counts.rows / seconds
