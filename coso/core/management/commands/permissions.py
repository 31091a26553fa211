from typing import Any

from django.core.management.base import BaseCommand

from coso.core.permissions import markdown


class Command(BaseCommand):
    help = "In ra ma trận phân quyền (vai trò × hành động) dạng Markdown (docs/permissions.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(markdown(), ending="")
