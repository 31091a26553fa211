from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from coso.core.backup import restore
from coso.core.commands import BackupCommand


class Command(BackupCommand):
    help = (
        "Khôi phục bản sao lưu trong DIR vào cơ sở dữ liệu (phải trống, trừ khi --force) "
        "rồi đối chiếu số dòng, tổng kiểm của từng bảng và từng tệp với bản kê."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--force", action="store_true", help="Ghi đè cơ sở dữ liệu đích đã có dữ liệu."
        )

    def run(self, directory: Path, **options: Any) -> str:
        manifest = restore(directory, force=options["force"])
        return (
            f"Đã khôi phục {directory}: {len(manifest['tables'])} bảng và "
            f"{len(manifest['files'])} tệp khớp với bản kê."
        )
