"""The concerns app's part of the permission test (tests/test_permissions.py): a
petition of commune A whose concern the rules classified, another raising land
compensation, a hotspot opened in commune A by five households' records (of another
village), and an example for each of its pages and API operations — the URL's arguments
and the unit its record lives in (None: no record)."""

from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from coso.concerns.models import Channel, Concern, Hotspot
from coso.concerns.tests.factories import raised
from coso.concerns.tests.hotspot_factories import households_of, raise_concern
from coso.petitions import services as petitions
from coso.units.tests.factories import village

# The nation: a page only nationwide roles may open (a path no role bound to a unit covers).
NATION = SimpleNamespace(path="")


def records(w: Any) -> dict[str, Any]:
    sent = petitions.petition_submit(
        actor=None,
        unit=w.tree.a,
        data=petitions.Submission(
            kind="feedback", subject="Đường", description="Đường xuống cấp, nhiều ổ gà"
        ),
    )
    raised(
        Channel.PETITION,
        w.tree.a,
        timezone.localdate(),
        ["land.compensation"],
        village=w.tree.village_a,
    )
    # In a village of their own: the other parts count commune A's first village.
    place = village(w.tree.a, "Bản Nà Hù")
    for home in households_of(place, 5, prefix="HS"):
        raise_concern(place, household=home)
    return {
        "concern": Concern.objects.get(record_type="petitions.petition", record_id=sent.pk),
        "hotspot": Hotspot.objects.get(commune=w.tree.a),
    }


PAGES = {
    # The topic catalogue (topics.manage): the nation's, no record of a unit.
    "concerns:topics": lambda w, u: ({}, None),
    "concerns:topic_new": lambda w, u: ({}, None),
    "concerns:topic_try": lambda w, u: ({}, None),
    "concerns:topic_edit": lambda w, u: ({"code": "roads"}, None),
    "concerns:topic_retire": lambda w, u: ({"code": "roads.lighting"}, None),
    "concerns:topic_revisions": lambda w, u: ({"code": "roads"}, None),
    # Classifying a record's topics.
    "concerns:classify": lambda w, u: ({"pk": w.concern.pk}, w.tree.a),
    # The concerns view and its drill-down.
    "concerns:national_view": lambda w, u: ({}, NATION),
    "concerns:national_topic": lambda w, u: ({"topic": "land"}, NATION),
    "concerns:unit_view": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "concerns:topic": lambda w, u: (
        {"code": w.tree.province.code, "topic": "land"},
        w.tree.province,
    ),
    "concerns:records": lambda w, u: ({"code": w.tree.a.code, "topic": "land"}, w.tree.a),
    # Hotspots.
    "concerns:hotspots": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "concerns:hotspot": lambda w, u: ({"pk": w.hotspot.pk}, w.tree.a),
    "concerns:hotspot_assign": lambda w, u: ({"pk": w.hotspot.pk}, w.tree.a),
    "concerns:hotspot_close": lambda w, u: ({"pk": w.hotspot.pk}, w.tree.a),
}
API = {
    "GET /api/concerns/figures": lambda w: ({"unit": w.tree.a.code, "period": "2026"}, None, None),
}
