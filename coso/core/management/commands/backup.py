from pathlib import Path
from typing import Any

from coso.core.backup import backup
from coso.core.commands import BackupCommand


class Command(BackupCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (pg_dump hoặc sao lưu trực tuyến của SQLite), các tệp tải lên "
        "và bản kê số dòng, tổng kiểm của từng bảng vào thư mục DIR (mới hoặc trống)."
    )

    def run(self, directory: Path, **options: Any) -> str:
        manifest = backup(directory)
        rows = sum(table["rows"] for table in manifest["tables"].values())
        return (
            f"Đã sao lưu vào {directory}: {len(manifest['tables'])} bảng, {rows} dòng, "
            f"{len(manifest['files'])} tệp."
        )
