"""The surveys app's part of the permission test (tests/test_permissions.py): commune
A's survey of every household (those the other apps' parts made), drawn, one household invited by link; an example for
each of its pages and API operations."""

from typing import Any

from coso.surveys import services
from coso.surveys.models import Invited
from coso.surveys.tests.factories import make_survey


def records(w: Any) -> dict[str, Any]:
    survey = make_survey(w.official, w.tree.a)
    services.survey_draw(actor=w.official, survey=survey)
    invited = Invited.objects.filter(survey=survey).first()
    return {"survey": survey, "survey_token": invited.token if invited else "NONE"}


PAGES = {
    "surveys:list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "surveys:new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "surveys:detail": lambda w, u: ({"pk": w.survey.pk}, w.tree.a),
    "surveys:draw": lambda w, u: ({"pk": w.survey.pk}, w.tree.a),
    "surveys:links": lambda w, u: ({"pk": w.survey.pk}, w.tree.a),
    "surveys:key_in": lambda w, u: ({"pk": w.survey.pk}, w.tree.a),
    "surveys:close": lambda w, u: ({"pk": w.survey.pk}, w.tree.a),
    "surveys:mine": lambda w, u: ({}, None),
    "surveys:answer": lambda w, u: ({"pk": w.survey.pk}, None),
    "surveys:by_link": lambda w, u: ({"token": w.survey_token}, None),
    "surveys:thanks": lambda w, u: ({}, None),
}
API = {
    "GET /api/surveys": lambda w: ({"unit": w.tree.a.code}, None, w.tree.a),
    "GET /api/surveys/{survey_id}": lambda w: ({"survey_id": w.survey.pk}, None, w.tree.a),
}
