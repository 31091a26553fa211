"""The concerns app's part of the permission test (tests/test_permissions.py): a
petition of commune A whose concern the rules classified; an example for each page."""

from typing import Any

from coso.concerns.models import Concern
from coso.petitions import services as petitions


def records(w: Any) -> dict[str, Any]:
    sent = petitions.petition_submit(
        actor=None,
        unit=w.tree.a,
        data=petitions.Submission(
            kind="feedback", subject="Đường", description="Đường xuống cấp, nhiều ổ gà"
        ),
    )
    return {"concern": Concern.objects.get(record_type="petitions.petition", record_id=sent.pk)}


PAGES = {
    # Classifying a record's topics.
    "concerns:classify": lambda w, u: ({"pk": w.concern.pk}, w.tree.a),
}
