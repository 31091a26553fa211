"""Ratings API for officials, scoped to their units: the scores of every rating; the
comment only for those who may read personal data (empty for the others)."""

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from coso.core.api import official
from coso.core.api_io import PageSize, page_answer
from coso.ratings import selectors
from coso.ratings.models import Rating
from coso.units import selectors as units

router = Router(tags=["ratings"])


class RatingOut(Schema):
    id: int
    kind: str
    case_id: int
    title: str
    unit_code: str = Field(alias="unit.code")
    rated_on: dt.date
    satisfied: bool
    scores: dict[str, int]
    comment: str = Field(alias="shown_comment")
    rule_version: dt.date
    channel: str

    @staticmethod
    def resolve_scores(obj: Rating) -> dict[str, int]:
        return {s.criterion: s.points for s in obj.scores.all()}


class RatingPageOut(Schema):
    items: list[RatingOut]
    next_after: str | None
    count: int
    comments: bool


class RatingFilter(Schema):
    unit: str
    kind: str = Field("", pattern="^(|petition|followup)$")
    satisfied: str = Field("", pattern="^(|yes|no)$")
    criterion: str = Field("", max_length=32)
    q: str = Field("", max_length=100)
    start: dt.date | None = Field(None, alias="from")
    end: dt.date | None = Field(None, alias="to")
    after: str = ""
    limit: PageSize = settings.PAGE_SIZE


@router.get(
    "",
    summary="Đánh giá của người dân về các việc của một đơn vị, mới nhất trước",
    **official("records.read", {200: RatingPageOut}, 404, 422),
)
def rating_list(request: HttpRequest, filters: Query[RatingFilter]) -> dict[str, object]:
    unit = units.unit_get_for_user(user=request.user, code=filters.unit)
    page = selectors.unit_ratings(
        user=request.user,
        unit=unit,
        kind=filters.kind,
        satisfied=filters.satisfied,
        criterion=filters.criterion,
        query=filters.q,
        start=filters.start,
        end=filters.end,
        after=filters.after,
        size=filters.limit,
    )
    return {**page_answer(page), "count": page.count, "comments": page.personal}
