"""The "Dân vận khéo" registry API: public, as the gallery is."""

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from coso.core.api import public
from coso.core.api_io import PageSize, page_of
from coso.exemplars import selectors
from coso.exemplars.models import Exemplar
from coso.units import selectors as units
from coso.units.selectors import UnitKind

router = Router(tags=["exemplars"])


class ExemplarOut(Schema):
    id: int
    name: str
    field: str
    level: str
    unit_code: str = Field(alias="unit.code")
    sponsor: str
    started_on: dt.date
    status: str
    origin_id: int | None


class RecognitionOut(Schema):
    level: str
    decision_number: str
    decided_on: dt.date
    issuer: str


class ExemplarDetail(ExemplarOut):
    description: str
    results: str
    households_benefited: int
    money_mobilised: int
    workdays_mobilised: int
    land_donated_m2: int
    recognitions: list[RecognitionOut]
    replica_ids: list[int]

    @staticmethod
    def resolve_replica_ids(obj: Exemplar) -> list[int]:
        return list(obj.replicas.values_list("id", flat=True))


class ExemplarPage(Schema):
    items: list[ExemplarOut]
    next_after: int | None


class ExemplarFilter(Schema):
    province: str
    q: str = Field("", max_length=100)
    field: str = Field("", pattern="^(|economy|culture|defence|politics)$")
    level: str = Field("", pattern="^(|commune|agency|province)$")
    after: int | None = Field(None, ge=0, le=2**63 - 1)
    limit: PageSize = settings.PAGE_SIZE


@router.get(
    "",
    summary="Mô hình “Dân vận khéo” của một tỉnh, mới nhất trước",
    **public({200: ExemplarPage}, 404, 422),
)
def exemplar_list(request: HttpRequest, filters: Query[ExemplarFilter]) -> dict[str, object]:
    province = units.unit_get_public(code=filters.province)
    if province.kind != UnitKind.PROVINCE:
        raise Http404
    return page_of(selectors.gallery, filters, province=province)


@router.get(
    "/{exemplar_id}",
    summary="Một mô hình, các quyết định công nhận và nơi nhân rộng",
    **public({200: ExemplarDetail}, 404, 422),
)
def exemplar_detail(request: HttpRequest, exemplar_id: int) -> Exemplar:
    return selectors.public_get(pk=exemplar_id)
