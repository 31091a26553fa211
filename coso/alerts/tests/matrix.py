"""The alerts app's part of the permission test (tests/test_permissions.py): an open
warning of commune A, and an example for each page and API operation."""

from typing import Any

from coso.alerts.tests.factories import warning


def records(w: Any) -> dict[str, Any]:
    return {"warning": warning(w.tree.a)}


PAGES = {
    "alerts:list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "alerts:acknowledge": lambda w, u: ({"code": w.tree.a.code, "pk": w.warning.pk}, w.tree.a),
    "alerts:followup": lambda w, u: ({"code": w.tree.a.code, "pk": w.warning.pk}, w.tree.a),
}
API = {
    "GET /api/warnings": lambda w: ({"unit": w.tree.a.code}, None, w.tree.a),
}
