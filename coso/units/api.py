"""Public API for the map of units."""

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from coso.core.api import public
from coso.core.api_io import PageSize, page_answer
from coso.core.pagination import keyset_page
from coso.core.text import fold
from coso.units import selectors
from coso.units.models import Unit
from coso.units.schemas import UnitOut, UnitPage

router = Router(tags=["units"])


class UnitFilter(Schema):
    parent: str | None = Field(None, description="Mã đơn vị cấp trên")
    kind: str | None = None
    q: str | None = Field(None, description="Tìm theo tên, không phân biệt dấu và hoa thường")
    after: str | None = Field(None, description="Mã đơn vị cuối của trang trước")
    limit: PageSize = settings.PAGE_SIZE


@router.get("", summary="Danh sách đơn vị", **public({200: UnitPage}, 422))
def unit_list(request: HttpRequest, filters: Query[UnitFilter]) -> dict[str, object]:
    qs = selectors.current_units().select_related("parent")
    if filters.parent:
        qs = qs.filter(parent__code=filters.parent)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.q:
        qs = qs.filter(search_name__contains=fold(filters.q))
    return page_answer(keyset_page(qs, key="code", after=filters.after, size=filters.limit))


@router.get("/{code}", summary="Một đơn vị", **public({200: UnitOut}, 404))
def unit_detail(request: HttpRequest, code: str) -> Unit:
    return selectors.unit_get_public(code=code)
