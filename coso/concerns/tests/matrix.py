"""The concerns app's part of the permission test (tests/test_permissions.py): a petition
of commune A raising land compensation (its concern and topics), and an example for each
of its pages and API operations — the URL's arguments and the unit its record lives in
(None: no record)."""

from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from coso.concerns.models import Channel
from coso.concerns.tests.factories import raised

# The nation: a page only nationwide roles may open (a path no role bound to a unit covers).
NATION = SimpleNamespace(path="")


def records(w: Any) -> dict[str, Any]:
    today = timezone.localdate()
    found = raised(
        Channel.PETITION, w.tree.a, today, ["land.compensation"], village=w.tree.village_a
    )
    return {"concern": found}


PAGES = {
    "concerns:national_view": lambda w, u: ({}, NATION),
    "concerns:national_topic": lambda w, u: ({"topic": "land"}, NATION),
    "concerns:unit_view": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "concerns:topic": lambda w, u: (
        {"code": w.tree.province.code, "topic": "land"},
        w.tree.province,
    ),
    "concerns:records": lambda w, u: ({"code": w.tree.a.code, "topic": "land"}, w.tree.a),
}
API = {
    "GET /api/concerns/figures": lambda w: ({"unit": w.tree.a.code, "period": "2026"}, None, None),
}
