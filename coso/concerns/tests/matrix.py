"""The concerns app's part of the permission test (tests/test_permissions.py): an
example for each page and API operation. The topic catalogue is the nation's (no
record of a unit); the shipped catalogue is there from its migration."""

PAGES = {
    # The topic catalogue (topics.manage).
    "concerns:topics": lambda w, u: ({}, None),
    "concerns:topic_new": lambda w, u: ({}, None),
    "concerns:topic_try": lambda w, u: ({}, None),
    "concerns:topic_edit": lambda w, u: ({"code": "roads"}, None),
    "concerns:topic_retire": lambda w, u: ({"code": "roads.lighting"}, None),
    "concerns:topic_revisions": lambda w, u: ({"code": "roads"}, None),
}
API: dict = {}
