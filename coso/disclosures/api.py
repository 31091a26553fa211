"""Disclosures API: anyone reads what is public; officials write for their units."""

import uuid

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from coso.core.api import official, public
from coso.core.api_io import PageSize, data_from, page_of
from coso.disclosures import selectors, services
from coso.disclosures.models import Disclosure
from coso.disclosures.schemas import DisclosureDetail, DisclosureIn, DisclosurePage, TakeDownIn
from coso.units import selectors as units

router = Router(tags=["disclosures"])


class DisclosureFilter(Schema):
    unit: str = Field(..., description="Mã xã, cơ quan hoặc doanh nghiệp")
    category: str = ""
    q: str = Field("", description="Tìm theo tiêu đề, nội dung; không phân biệt dấu")
    after: int | None = None
    limit: PageSize = settings.PAGE_SIZE


@router.get(
    "", summary="Nội dung đang công khai của một đơn vị", **public({200: DisclosurePage}, 404, 422)
)
def disclosure_list(request: HttpRequest, filters: Query[DisclosureFilter]) -> dict[str, object]:
    unit = units.unit_get_public(code=filters.unit)
    return page_of(selectors.public_disclosures, filters, unit=unit)


@router.get(
    "/{series}",
    summary="Một nội dung công khai (đã gỡ: chỉ cán bộ của đơn vị)",
    **public({200: DisclosureDetail}, 404, 422),
)
def disclosure_detail(request: HttpRequest, series: uuid.UUID) -> Disclosure:
    return selectors.disclosure_visible_get(user=request.user, series=series)


@router.post(
    "",
    summary="Công khai thông tin (không kèm tệp)",
    **official("disclosures.write", {201: DisclosureDetail}, 400, 404, 422),
)
def disclosure_create(request: HttpRequest, payload: DisclosureIn) -> Status[Disclosure]:
    unit = units.unit_get_for_user(user=request.user, code=payload.unit, action="disclosures.write")
    data = data_from(payload, services.DisclosureData)
    return Status(201, services.disclosure_publish(actor=request.user, unit=unit, data=data))


@router.post(
    "/{series}/take-down",
    summary="Gỡ nội dung công khai",
    **official("disclosures.write", {200: DisclosureDetail}, 400, 404, 422),
)
def disclosure_take_down(
    request: HttpRequest, series: uuid.UUID, payload: TakeDownIn
) -> Disclosure:
    current = selectors.disclosure_visible_get(user=request.user, series=series)
    disclosure = selectors.disclosure_get(
        user=request.user, pk=current.pk, action="disclosures.write"
    )
    return services.disclosure_take_down(
        actor=request.user, disclosure=disclosure, on=payload.taken_down_on, reason=payload.reason
    )
