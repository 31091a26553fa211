"""Warnings for tests: maintained figures written directly, and a warning opened the way
the scan opens one."""

import datetime as dt

from coso.alerts.models import Warning
from coso.reports.tests.test_index_pages import put
from coso.units.models import Unit

__all__ = ["put", "warning"]


def warning(unit: Unit, rule: str = "warning.dialogue.behind", key: str = "2026") -> Warning:
    return Warning.objects.create(
        unit=unit,
        province=unit.parent or unit,
        rule=rule,
        key=key,
        opened_on=dt.date(2026, 10, 1),
        details={
            "title": "Cảnh báo: chưa tổ chức hội nghị đối thoại trong năm",
            "citation": "Luật Thực hiện dân chủ ở cơ sở, điều 32",
            "figures": {"dialogues.communes_required": 1, "dialogues.communes_met": 0},
            "period": key,
        },
    )
