"""Emulation API: a run with its ranking and lines, one unit's result, a unit's results
(scoped: an unfinished result only to the assessing body and the unit's officials)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from coso.core.api import official
from coso.core.api_io import PageSize, page_of
from coso.emulation import selectors
from coso.emulation.models import Result, Run
from coso.units import selectors as units

router = Router(tags=["emulation"])


class LineOut(Schema):
    criterion: str = Field(alias="criterion.code")
    label: str = Field(alias="criterion.label")
    source: str = Field(alias="criterion.source")
    indicator: str = Field(alias="criterion.indicator")
    weight: Decimal = Field(alias="criterion.weight")
    value: Decimal | None
    points: Decimal
    scored_at: dt.datetime | None


class ResultOut(Schema):
    id: int
    run_id: int
    unit_code: str = Field(alias="unit.code")
    unit_name: str = Field(alias="unit.name")
    total: Decimal
    rank: int
    tied: int
    grade: str
    lines: list[LineOut]

    @staticmethod
    def resolve_lines(obj: Result) -> list:
        return list(obj.lines.all())


class RunOut(Schema):
    id: int
    criteria_set: str = Field(alias="criteria_set.name")
    version: int = Field(alias="criteria_set.version")
    scope_code: str = Field(alias="scope.code")
    period: str
    status: str
    objection_deadline: dt.date | None
    results: list[ResultOut]

    @staticmethod
    def resolve_results(obj: Run) -> list:
        return selectors.results(obj)


class ResultBrief(Schema):
    id: int
    run_id: int
    period: str = Field(alias="run.period")
    status: str = Field(alias="run.status")
    total: Decimal
    rank: int
    grade: str


class ResultPage(Schema):
    items: list[ResultBrief]
    next_after: int | None


class ResultFilter(Schema):
    unit: str
    after: int | None = Field(None, ge=0, le=2**63 - 1)
    limit: PageSize = settings.PAGE_SIZE


@router.get(
    "/runs/{run_id}",
    summary="Một đợt chấm điểm thi đua: xếp hạng và điểm từng tiêu chí",
    **official("records.read", {200: RunOut}, 404, 422),
)
def run_detail(request: HttpRequest, run_id: int) -> Run:
    return selectors.run_get(user=request.user, pk=run_id)


@router.get(
    "/results/{result_id}",
    summary="Điểm thi đua của một đơn vị, từng tiêu chí",
    **official("records.read", {200: ResultOut}, 404, 422),
)
def result_detail(request: HttpRequest, result_id: int) -> Result:
    return selectors.result_get(user=request.user, pk=result_id)


@router.get(
    "/results",
    summary="Các kết quả thi đua của một đơn vị, mới nhất trước",
    **official("records.read", {200: ResultPage}, 404, 422),
)
def result_list(request: HttpRequest, filters: Query[ResultFilter]) -> dict[str, object]:
    unit = units.unit_get_for_user(user=request.user, code=filters.unit)
    return page_of(selectors.unit_results, filters, user=request.user, unit=unit)
