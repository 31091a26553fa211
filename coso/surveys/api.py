"""Surveys API for officials, scoped to their units: the list, and a survey with its
results per element. Free-text comments only for holders of `personal.read` (they may
carry a name): monitoring roles read the figures without them."""

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from coso.core.api import official
from coso.core.api_io import PageSize, page_of
from coso.core.permissions import can
from coso.surveys import selectors
from coso.surveys.selectors import Survey
from coso.units import selectors as units

router = Router(tags=["surveys"])


class SurveyOut(Schema):
    id: int
    title: str
    period: str
    opens_on: dt.date
    closes_on: dt.date
    plan: str
    per_village: int | None
    seed: int | None
    status: str
    questionnaire_code: str = Field(alias="questionnaire.code")
    questionnaire_version: int = Field(alias="questionnaire.version")
    anonymous: bool = Field(alias="questionnaire.anonymous")
    invited_count: int = 0
    answers: int = 0
    respondents: int | None


class ElementOut(Schema):
    element: str
    answered: int
    satisfied: int
    share: float | None


class SurveyDetail(SurveyOut):
    unit_code: str = Field(alias="unit.code")
    elements: list[ElementOut]
    comments: list[str] | None = Field(
        None, description="Góp ý tự do: chỉ với quyền personal.read; null nếu không có quyền"
    )


class SurveyPage(Schema):
    items: list[SurveyOut]
    next_after: int | None


class SurveyFilter(Schema):
    unit: str
    q: str = Field("", max_length=100)
    after: int | None = None
    limit: PageSize = settings.PAGE_SIZE


@router.get(
    "",
    summary="Các cuộc khảo sát sự hài lòng của một đơn vị, mới nhất trước",
    **official("records.read", {200: SurveyPage}, 404, 422),
)
def survey_list(request: HttpRequest, filters: Query[SurveyFilter]) -> dict[str, object]:
    unit = units.unit_get_for_user(user=request.user, code=filters.unit)
    return page_of(selectors.surveys, filters, user=request.user, unit=unit)


@router.get(
    "/{survey_id}",
    summary="Một cuộc khảo sát và kết quả theo từng yếu tố (sau khi kết thúc)",
    **official("records.read", {200: SurveyDetail}, 404, 422),
)
def survey_detail(request: HttpRequest, survey_id: int) -> Survey:
    survey = selectors.survey_get(user=request.user, pk=survey_id)
    personal = can(request.user, "personal.read", path=survey.unit.path)
    vars(survey).update(
        elements=selectors.results(survey=survey),
        comments=selectors.comments(survey=survey) if personal else None,
    )
    return survey
