"""The ratings app's part of the permission test (tests/test_permissions.py): a resolved
petition of commune A rated with a comment that names someone (which no role without
`personal.read` may see), and an example for each page and API operation."""

from typing import Any

from coso.ratings.tests.factories import rate, resolved_petition


def records(w: Any) -> dict[str, Any]:
    petition = resolved_petition(w.official, w.tree.a, "Cống thoát nước bị tắc")
    rating = rate(petition.tracking_code, comment="Cảm ơn anh Lò Văn Pọm đã đến tận nơi.")
    return {"rating": rating}


PAGES = {
    "ratings:rate": lambda w, u: ({}, None),
    "ratings:thanks": lambda w, u: ({}, None),
    "ratings:list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
}
API = {
    "GET /api/ratings": lambda w: ({"unit": w.tree.a.code}, None, w.tree.a),
}
