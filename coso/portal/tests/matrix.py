"""The portal's part of the permission test (tests/test_permissions.py): an example for
each of its pages — the URL's arguments and the unit its record lives in (None: no
record)."""

PAGES = {
    "portal:home": lambda w, u: ({}, None),
    "portal:unit": lambda w, u: ({"code": w.tree.a.code}, None),
    "portal:official_home": lambda w, u: ({}, None),
    "portal:audit": lambda w, u: ({}, None),
}
