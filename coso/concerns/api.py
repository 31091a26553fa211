"""The concerns API: what residents raised in a unit (or the nation) over a period, as
counts by topic beside the period before — never a text nor a name, so open to anyone,
as the other figures are (`/api/indicators`). Read from the maintained figures only."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from coso.concerns import ranking
from coso.core.api import public
from coso.reports import period_parse
from coso.units import selectors as units

router = Router(tags=["concerns"])
# Figures change when the worker refreshes them, at most; a minute of caching is free.
MAX_AGE = 60


class FiguresFilter(Schema):
    unit: str = Field("", description="Mã đơn vị (tỉnh, xã); bỏ trống: cả nước")
    period: str = Field(
        ..., description="Kỳ: tháng 2026-11, quý 2026-Q4, 6 tháng 2026-H1, năm 2026, 2021-2025"
    )


class TopicFiguresOut(Schema):
    topic: str = Field(description="Mã chủ đề (như mã dịch vụ Open311)")
    parent: str | None = Field(description="Mã chủ đề cấp trên; null: chủ đề cấp 1")
    label: str
    retired: bool
    households: int = Field(description="Hộ (và người không xác định được hộ) nêu")
    records: int = Field(description="Hồ sơ nêu")
    households_before: int = Field(description="Hộ, người nêu trong kỳ trước")
    records_before: int


class ConcernFiguresOut(Schema):
    unit: str | None
    unit_name: str
    period: str
    period_label: str
    previous: str
    start: dt.date
    end: dt.date
    households: int
    records: int
    items: list[TopicFiguresOut]


def _item(row: ranking.Ranked) -> dict[str, object]:
    c = row.count
    return {
        "topic": row.topic.code,
        "parent": row.topic.parent,
        "label": row.topic.label,
        "retired": row.topic.retired,
        "households": c.households,
        "records": c.records,
        "households_before": c.households_before,
        "records_before": c.records_before,
    }


@router.get(
    "/figures",
    summary="Ý kiến, kiến nghị của Nhân dân theo chủ đề: số hộ, số hồ sơ trong kỳ và kỳ trước",
    **public({200: ConcernFiguresOut}, 400, 404, 422),
)
def figures(
    request: HttpRequest, response: HttpResponse, filters: Query[FiguresFilter]
) -> dict[str, object]:
    unit = units.unit_get_public(code=filters.unit) if filters.unit else None
    period = period_parse(filters.period)
    total, rows = ranking.ranked(unit=unit, period=period)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return {
        "unit": unit.code if unit else None,
        "unit_name": unit.name if unit else _("Cả nước"),
        "period": period.code,
        "period_label": period.label,
        "previous": period.previous().code,
        "start": period.start,
        "end": period.end,
        "households": total.households,
        "records": total.records,
        # Ranked as the concerns view ranks them: each first-level topic, then its subtopics.
        "items": [_item(r) for top in rows for r in (top, *top.children)],
    }
