"""Posted support lists, public as the posting is: what the list shows, nothing more."""

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema

from coso.core.api import public
from coso.core.api_io import PageSize, page_of
from coso.support import selectors
from coso.support.models import Programme
from coso.units import selectors as units

router = Router(tags=["support"])


class ProgrammeOut(Schema):
    id: int
    name: str
    kind: str
    source: str
    value_per_household: int
    handed_on: dt.date
    posted_on: dt.date | None
    posted_until: dt.date | None
    households: int = 0
    total: int | None = None


class RecipientOut(Schema):
    name: str
    village_name: str
    value: int


class ObjectionOut(Schema):
    text: str
    received_on: dt.date
    answer: str
    answered_on: dt.date | None


class ProgrammeDetail(ProgrammeOut):
    recipients: list[RecipientOut]
    objections: list[ObjectionOut]


class ProgrammePage(Schema):
    items: list[ProgrammeOut]
    next_after: str | None


class ProgrammeFilter(Schema):
    unit: str
    after: str = ""
    limit: PageSize = settings.PAGE_SIZE


@router.get(
    "",
    summary="Các đợt hỗ trợ đã niêm yết của một xã, mới nhất trước",
    **public({200: ProgrammePage}, 404, 422),
)
def programme_list(request: HttpRequest, filters: Query[ProgrammeFilter]) -> dict[str, object]:
    unit = units.unit_get_public(code=filters.unit)
    return page_of(selectors.programmes, filters, unit=unit)


@router.get(
    "/{programme_id}",
    summary="Một danh sách hỗ trợ đã niêm yết và các ý kiến",
    **public({200: ProgrammeDetail}, 404, 422),
)
def programme_detail(request: HttpRequest, programme_id: int) -> Programme:
    return selectors.public_get(pk=programme_id)
