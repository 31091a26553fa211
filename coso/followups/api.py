"""Follow-ups API for officials, scoped to their units. Never the raiser's name or
contact, nor the confirmation code."""

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from coso.core.api import official
from coso.core.api_io import PageSize, page_of
from coso.followups import selectors, services
from coso.followups.models import FollowUp
from coso.units import selectors as units

router = Router(tags=["followups"])


class FollowUpOut(Schema):
    id: int
    text: str
    topic: str
    owner_name: str
    opened_on: dt.date
    due_on: dt.date
    status: str
    closed_on: dt.date | None
    on_time: bool | None
    response: str
    origin_label: str


class FollowUpDetail(FollowUpOut):
    unit_code: str = Field(alias="unit.code")
    result: str
    raised_by_resident: bool


class FollowUpPage(Schema):
    items: list[FollowUpOut]
    next_after: str | None


class FollowUpFilter(Schema):
    unit: str
    which: str = Field("open", pattern="^(open|overdue|soon|closed)$")
    q: str = Field("", max_length=100)
    after: str = ""
    limit: PageSize = settings.PAGE_SIZE


class MoveIn(Schema):
    status: str = Field(description="in_progress | done | cannot")
    note: str = Field("", max_length=settings.COSO_TEXT_MAX_CHARS)
    on: dt.date | None = None


@router.get(
    "",
    summary="Việc cần theo dõi của một đơn vị, hạn sớm trước",
    **official("records.read", {200: FollowUpPage}, 404, 422),
)
def followup_list(request: HttpRequest, filters: Query[FollowUpFilter]) -> dict[str, object]:
    unit = units.unit_get_for_user(user=request.user, code=filters.unit)
    return page_of(selectors.worklist, filters, user=request.user, unit=unit)


@router.get(
    "/{followup_id}",
    summary="Một việc cần theo dõi",
    **official("records.read", {200: FollowUpDetail}, 404, 422),
)
def followup_detail(request: HttpRequest, followup_id: int) -> FollowUp:
    return selectors.followup_get(user=request.user, pk=followup_id)


@router.post(
    "/{followup_id}/status",
    summary="Cập nhật kết quả thực hiện (minh chứng bằng lời; tệp, ảnh gửi qua trang web)",
    **official("followups.write", {200: FollowUpDetail}, 400, 404, 422),
)
def followup_move(request: HttpRequest, followup_id: int, payload: MoveIn) -> FollowUp:
    followup = selectors.followup_get(user=request.user, pk=followup_id, action="followups.write")
    return services.followup_move(
        actor=request.user,
        followup=followup,
        status=payload.status,
        note=payload.note,
        on=payload.on,
    )
