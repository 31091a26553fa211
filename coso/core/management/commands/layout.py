from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coso.core import layout


class Command(BaseCommand):
    help = "In ra bản đồ các ứng dụng cho mục “Layout” của README, sinh từ mã nguồn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", metavar="README", help="Thay mục đó trong tệp này")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["write"]:
            self.stdout.write(layout.markdown(), ending="")
            return
        with open(options["write"], encoding="utf-8") as readme:
            text = readme.read()
        old = layout.readme_section(text)
        if not old:
            self.stderr.write(f"{options['write']}: không thấy {layout.BEGIN}")
            raise SystemExit(1)
        with open(options["write"], "w", encoding="utf-8") as readme:
            readme.write(text.replace(old, layout.markdown()))
