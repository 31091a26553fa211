import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coso.concerns import precision, services


class Command(BaseCommand):
    help = (
        "`coso concerns backfill`: ghi ý kiến, kiến nghị theo chủ đề cho các hồ sơ của mọi "
        "kênh chưa có (chạy lại không ghi thêm). `coso concerns precision [--since NGÀY]`: "
        "độ chính xác của gợi ý chủ đề so với chủ đề cán bộ xác nhận."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["backfill", "precision"])
        parser.add_argument("--since", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "backfill":
            for label, made in services.backfill().items():
                self.stdout.write(f"{label}: {made}")
            return
        self.stdout.write("topic\tsuggested\tconfirmed\tboth\tprecision\trecall")
        for m in precision.measures(since=options["since"]):
            shown = ["–" if v is None else str(v) for v in (m.precision, m.recall)]
            self.stdout.write(
                "\t".join([m.code, str(m.suggested), str(m.confirmed), str(m.both), *shown])
            )
