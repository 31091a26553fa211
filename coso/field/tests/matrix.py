"""The field app's part of the permission test (tests/test_permissions.py)."""

PAGES = {
    "field:page": lambda w, u: ({}, None),
    "field:data": lambda w, u: ({}, None),
    "field:sync": lambda w, u: ({}, None),
    "field:worker": lambda w, u: ({}, None),
    "field:webmanifest": lambda w, u: ({}, None),
}
