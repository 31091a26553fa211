"""Petitions API for officials, scoped to their units. Never the sender's identity."""

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from coso.core.api import official
from coso.core.api_io import PageSize, page_of
from coso.petitions import selectors
from coso.petitions.models import Petition
from coso.units import selectors as units

router = Router(tags=["petitions"])


class PetitionOut(Schema):
    id: int
    tracking_code: str
    kind: str
    category: str
    signers: int
    subject: str
    status: str
    received_on: dt.date
    accept_due: dt.date
    due_on: dt.date | None
    next_due: dt.date | None
    closed_on: dt.date | None


class PetitionDetail(PetitionOut):
    description: str
    resolution: str
    unit_code: str = Field(alias="unit.code")
    extensions: int
    complex_case: bool
    remote_area: bool


class PetitionPage(Schema):
    items: list[PetitionOut]
    next_after: str | None


class PetitionFilter(Schema):
    unit: str
    kind: str = ""
    which: str = Field("", description="overdue | soon | on_time")
    after: str = ""
    limit: PageSize = settings.PAGE_SIZE


@router.get(
    "",
    summary="Đơn thư đang giải quyết, gấp nhất trước",
    **official("records.read", {200: PetitionPage}, 404, 422),
)
def petition_list(request: HttpRequest, filters: Query[PetitionFilter]) -> dict[str, object]:
    unit = units.unit_get_for_user(user=request.user, code=filters.unit)
    return page_of(selectors.worklist, filters, user=request.user, unit=unit)


@router.get(
    "/{petition_id}",
    summary="Một đơn thư",
    **official("records.read", {200: PetitionDetail}, 404, 422),
)
def petition_detail(request: HttpRequest, petition_id: int) -> Petition:
    return selectors.petition_get(user=request.user, pk=petition_id)
