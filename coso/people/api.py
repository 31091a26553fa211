"""API for households: signed-in officials, scoped to their units."""

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from coso.core.api import official
from coso.core.api_io import PageSize, page_of
from coso.core.permissions import can
from coso.people import selectors
from coso.people.models import Household
from coso.people.schemas import HouseholdDetail, HouseholdPage
from coso.units import selectors as units

router = Router(tags=["households"])


class HouseholdFilter(Schema):
    unit: str = Field(..., description="Mã xã, thôn hoặc tổ dân phố")
    q: str = Field("", description="Mã hộ hoặc họ tên nhân khẩu")
    after: int | None = Field(None, description="Mã số (id) cuối của trang trước")
    limit: PageSize = settings.PAGE_SIZE


@router.get(
    "", summary="Danh sách hộ gia đình", **official("personal.read", {200: HouseholdPage}, 404, 422)
)
def household_list(request: HttpRequest, filters: Query[HouseholdFilter]) -> dict[str, object]:
    under = units.unit_get_for_user(user=request.user, code=filters.unit, action="personal.read")
    return page_of(selectors.households_page, filters, user=request.user, under=under)


@router.get(
    "/{household_id}",
    summary="Một hộ gia đình",
    **official("personal.read", {200: HouseholdDetail}, 404, 422),
)
def household_detail(request: HttpRequest, household_id: int) -> Household:
    household = selectors.household_get(user=request.user, pk=household_id)
    request.coso_full_ids = can(  # type: ignore[attr-defined]
        request.user, "citizen_id.read", path=household.village.path
    )
    return household
