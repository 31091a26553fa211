"""The exemplars app's part of the permission test (tests/test_permissions.py): commune
A's model with a photo, and an example for each of its pages and API operations — the
URL's arguments and the unit its record lives in (None: no record)."""

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from coso.exemplars.services import ExemplarData, exemplar_register


def records(w: Any) -> dict[str, Any]:
    exemplar = exemplar_register(
        actor=w.official,
        unit=w.tree.a,
        data=ExemplarData(
            name="Hiến đất",
            field="economy",
            sponsor="front",
            started_on=dt.date.today(),
            description="x",
            photos=[SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n0000")],
        ),
    )
    return {"exemplar": exemplar}


PAGES = {
    "exemplars:gallery": lambda w, u: ({"code": w.tree.province.code}, None),
    "exemplars:public_detail": lambda w, u: ({"pk": w.exemplar.pk}, None),
    "exemplars:photo": lambda w, u: ({"pk": w.exemplar.photos.get().pk}, None),
    "exemplars:registry": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "exemplars:register": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "exemplars:detail": lambda w, u: ({"pk": w.exemplar.pk}, w.tree.a),
    "exemplars:evaluate": lambda w, u: ({"pk": w.exemplar.pk}, w.tree.a),
    "exemplars:recognise": lambda w, u: ({"pk": w.exemplar.pk}, w.tree.a),
}
API = {
    "GET /api/exemplars": lambda w: ({"province": w.tree.province.code}, None, None),
    "GET /api/exemplars/{exemplar_id}": lambda w: ({"exemplar_id": w.exemplar.pk}, None, None),
}
