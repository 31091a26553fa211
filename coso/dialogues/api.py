"""Meetings API for officials, scoped to their units. Never an asker's name or contact."""

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from coso.concerns import selectors as concerns
from coso.core.api import official
from coso.core.api_io import PageSize, data_from, page_of
from coso.core.errors import DomainError
from coso.dialogues import selectors, services
from coso.dialogues.models import Item, Kind, Meeting
from coso.followups.services import Promise
from coso.units import selectors as units

router = Router(tags=["dialogues"])


class MeetingOut(Schema):
    id: int
    kind: str
    date: dt.date
    place: str
    chair: str
    participants: dict[str, int]
    questions: int = 0
    commitments: int = 0


class ItemOut(Schema):
    number: int
    text: str
    topic: str
    answer: str
    forwarded_to: str | None
    followup_id: int | None

    @staticmethod
    def resolve_forwarded_to(obj: Item) -> str | None:
        return obj.forwarded_to.code if obj.forwarded_to else None


class MeetingDetail(MeetingOut):
    unit_code: str = Field(alias="unit.code")
    led_by: str
    topics: list[str]
    summary: str
    items: list[ItemOut]
    commitment_ids: list[int]

    @staticmethod
    def resolve_commitment_ids(obj: Meeting) -> list[int]:
        return [f.pk for f in selectors.commitments(obj)]


class MeetingPage(Schema):
    items: list[MeetingOut]
    next_after: str | None


class MeetingFilter(Schema):
    unit: str
    kind: str = Field("", pattern="^(|dialogue|workplace|voters|visit)$")
    after: str = ""
    limit: PageSize = settings.PAGE_SIZE


class MeetingIn(Schema):
    unit: str
    kind: str = Field(description="dialogue | workplace | voters | visit")
    date: dt.date
    place: str = Field(max_length=200)
    chair: str = Field(max_length=200)
    led_by: str = Field("", max_length=300)
    participants: dict[str, int] = Field(default_factory=dict)
    topics: list[str] = Field(default_factory=list)
    summary: str = Field("", max_length=settings.COSO_TEXT_MAX_CHARS)


class PromiseIn(Schema):
    text: str = Field(max_length=settings.COSO_TEXT_MAX_CHARS)
    owner_name: str = Field(max_length=200)
    due_on: dt.date


class ItemIn(Schema):
    text: str = Field(max_length=settings.COSO_TEXT_MAX_CHARS)
    topic: str = Field(concerns.OTHER, max_length=40, description="a topic code of /api/concerns")
    answer: str = Field("", max_length=settings.COSO_TEXT_MAX_CHARS)
    forwarded_to: str = ""
    commitment: PromiseIn | None = None


def _get(request: HttpRequest, meeting_id: int, action: str = "records.read") -> Meeting:
    return selectors.meeting_get(user=request.user, pk=meeting_id, action=action)


@router.get(
    "",
    summary="Hội nghị đối thoại, tiếp xúc cử tri, làm việc của một đơn vị, mới nhất trước",
    **official("records.read", {200: MeetingPage}, 404, 422),
)
def meeting_list(request: HttpRequest, filters: Query[MeetingFilter]) -> dict[str, object]:
    unit = units.unit_get_for_user(user=request.user, code=filters.unit)
    return page_of(selectors.meetings, filters, user=request.user, unit=unit)


@router.get(
    "/{meeting_id}",
    summary="Một hội nghị, các câu hỏi, trả lời và cam kết",
    **official("records.read", {200: MeetingDetail}, 404, 422),
)
def meeting_detail(request: HttpRequest, meeting_id: int) -> Meeting:
    return _get(request, meeting_id)


@router.post(
    "",
    summary="Ghi một hội nghị đối thoại, tiếp xúc cử tri (không kèm làm việc của Ban Chỉ đạo)",
    **official("mobilisation.write", {201: MeetingDetail}, 400, 404, 422),
)
def meeting_create(request: HttpRequest, payload: MeetingIn) -> Status[Meeting]:
    if payload.kind == Kind.VISIT:
        raise DomainError(_("Làm việc của Ban Chỉ đạo được ghi trên trang web."), field="kind")
    unit = units.unit_get_for_user(
        user=request.user, code=payload.unit, action="mobilisation.write"
    )
    meeting = services.meeting_create(
        actor=request.user,
        unit=unit,
        data=data_from(payload, services.MeetingData),
    )
    return Status(201, _get(request, meeting.pk))


@router.post(
    "/{meeting_id}/questions",
    summary="Thêm câu hỏi, trả lời; cam kết hoặc câu hỏi chuyển đi thành việc cần theo dõi",
    **official("mobilisation.write", {201: MeetingDetail}, 400, 404, 422),
)
def item_add(request: HttpRequest, meeting_id: int, payload: ItemIn) -> Status[Meeting]:
    meeting = _get(request, meeting_id, "mobilisation.write")
    if meeting.kind == Kind.VISIT:
        raise Http404
    target = None
    if payload.forwarded_to:
        target = units.current_units().filter(code=payload.forwarded_to).first()
        if target is None:
            raise DomainError(_("Không có đơn vị mã này."), field="forwarded_to")
    promise = None
    if payload.commitment is not None:
        promise = data_from(
            payload.commitment,
            Promise,
            unit=target or meeting.unit,
            opened_on=meeting.date,
            topic=payload.topic,
            raised_by_resident=True,
        )
    services.item_add(
        actor=request.user,
        meeting=meeting,
        data=data_from(payload, services.ItemData, forwarded_to=target, commitment=promise),
    )
    return Status(201, _get(request, meeting_id))
