import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Phục vụ Coso bằng gunicorn trên cổng PORT (mặc định 8000); ở môi trường "
        "production, thu thập tệp tĩnh trước."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.wsgiapp import run

        if settings.PRODUCTION:
            # Production serves hashed, compressed static files from STATIC_ROOT (a
            # manifest WhiteNoise reads): collect them before the first request.
            self.stdout.write("Thu thập tệp tĩnh (collectstatic)…")
            call_command("collectstatic", interactive=False, verbosity=0)
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Coso đang chạy tại http://{bind}/ (Ctrl+C để dừng)")
        sys.argv = [
            "gunicorn",
            "coso.config.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
        ]
        run()
