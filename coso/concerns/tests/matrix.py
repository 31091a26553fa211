"""The concerns app's part of the permission test (tests/test_permissions.py): a
petition of commune A whose concern the rules classified, a hotspot opened in commune A
by five households' records (of another village), and an example for each page."""

from typing import Any

from coso.concerns.models import Concern, Hotspot
from coso.concerns.tests.hotspot_factories import households_of, raise_concern
from coso.petitions import services as petitions
from coso.units.tests.factories import village


def records(w: Any) -> dict[str, Any]:
    sent = petitions.petition_submit(
        actor=None,
        unit=w.tree.a,
        data=petitions.Submission(
            kind="feedback", subject="Đường", description="Đường xuống cấp, nhiều ổ gà"
        ),
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
    # Classifying a record's topics.
    "concerns:classify": lambda w, u: ({"pk": w.concern.pk}, w.tree.a),
    # Hotspots.
    "concerns:hotspots": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "concerns:hotspot": lambda w, u: ({"pk": w.hotspot.pk}, w.tree.a),
    "concerns:hotspot_assign": lambda w, u: ({"pk": w.hotspot.pk}, w.tree.a),
    "concerns:hotspot_close": lambda w, u: ({"pk": w.hotspot.pk}, w.tree.a),
}
