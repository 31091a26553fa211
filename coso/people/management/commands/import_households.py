from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coso.core.errors import DomainError
from coso.people.imports import ImportRejected, households_import
from coso.units.selectors import Unit


class Command(BaseCommand):
    help = (
        "Nhập danh sách hộ gia đình từ tệp XLSX hoặc CSV (mỗi dòng một nhân khẩu; xem "
        "docs/households.md). Kiểm tra mọi dòng; có lỗi thì không nhập gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--unit", required=True, help="Mã xã, phường hoặc thôn, tổ")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã {options['unit']}.")
        try:
            created = households_import(actor=None, unit=unit, path=path)
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(f"Dòng {error.row}: {error.message}")
            raise CommandError(rejected.message) from rejected
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Đã nhập {created} hộ vào {unit.name}.")
