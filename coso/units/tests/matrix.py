"""The units app's part of the permission test (tests/test_permissions.py): an example
for each of its pages and API operations — the URL's arguments and the unit its record
lives in (None: no record)."""

PAGES = {
    "units:official_unit": lambda w, u: ({"code": w.tree.village_a.code}, w.tree.village_a),
}
API = {
    "GET /api/units": lambda w: ({}, None, None),
    "GET /api/units/{code}": lambda w: ({"code": w.tree.a.code}, None, None),
}
