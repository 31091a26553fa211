"""Warnings API for officials, scoped to their units: a unit's warnings and its
sub-units', newest first, a page by key — figures, rules and dates, never a resident's
name (every monitoring role reads them, as on the page)."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from coso.alerts import selectors
from coso.core.api import official
from coso.core.api_io import PageSize, page_of
from coso.units import selectors as units

router = Router(tags=["warnings"])


class WarningOut(Schema):
    id: int
    unit_code: str = Field(alias="unit.code")
    rule: str
    key: str
    opened_on: dt.date
    details: dict[str, Any]
    acknowledged_at: dt.datetime | None
    closed_on: dt.date | None
    closed_how: str
    followup_id: int | None


class WarningPage(Schema):
    items: list[WarningOut]
    next_after: int | None


class WarningFilter(Schema):
    unit: str
    show: str = Field(selectors.OPEN, pattern=f"^({selectors.OPEN}|{selectors.ALL})$")
    after: str = ""
    limit: PageSize = settings.PAGE_SIZE


@router.get(
    "",
    summary="Cảnh báo biểu hiện mất dân chủ của một đơn vị và các đơn vị trực thuộc",
    **official(selectors.READ, {200: WarningPage}, 404, 422),
)
def warning_list(request: HttpRequest, filters: Query[WarningFilter]) -> dict[str, object]:
    unit = units.unit_get_for_user(user=request.user, code=filters.unit, action=selectors.READ)
    return page_of(selectors.warnings_of, filters, user=request.user, unit=unit)
