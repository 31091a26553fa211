"""The sample app's part of the permission test (tests/test_permissions.py)."""

PAGES = {
    "sample:unit_page": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
}
API = {
    "GET /api/sample": lambda w: ({}, None, None),
}
