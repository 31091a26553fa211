from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from coso.core.commands import ActionCommand
from coso.rules.models import Rule
from coso.rules.services import describe


class Command(ActionCommand):
    help = "In các quy định trong sổ quy định, kèm căn cứ pháp lý: `coso rules list`."

    actions = ("list",)

    def add_options(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="Cả các phiên bản đã hết hiệu lực")
        parser.add_argument("--code", help="Chỉ các mã bắt đầu bằng chuỗi này")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        rules = Rule.objects.order_by("code", "effective_from")
        if not options["all"]:
            rules = rules.filter(effective_from__lte=today).exclude(effective_to__lte=today)
        if options["code"]:
            rules = rules.filter(code__startswith=options["code"])
        for rule in rules:
            until = f" đến {rule.effective_to:%d/%m/%Y}" if rule.effective_to else ""
            self.stdout.write(f"{rule.code}: {describe(rule)} — {rule.title}")
            self.stdout.write(
                f"    Căn cứ: {rule.citation}; hiệu lực từ {rule.effective_from:%d/%m/%Y}{until}"
            )
