from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coso.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Khôi phục bản sao lưu trong DIR vào cơ sở dữ liệu (phải trống, trừ khi --force) "
        "rồi đối chiếu số dòng, tổng kiểm của từng bảng và từng tệp với bản kê."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, metavar="DIR")
        parser.add_argument(
            "--force", action="store_true", help="Ghi đè cơ sở dữ liệu đích đã có dữ liệu."
        )

    def handle(self, *args: Any, directory: Path, force: bool, **options: Any) -> None:
        try:
            manifest = restore(directory, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Đã khôi phục {directory}: {len(manifest['tables'])} bảng và "
            f"{len(manifest['files'])} tệp khớp với bản kê."
        )
