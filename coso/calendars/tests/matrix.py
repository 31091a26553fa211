"""The calendars app's part of the permission test (tests/test_permissions.py): a private
feed's secret address, held by commune A's official, and an example for each page."""

from typing import Any

from coso.calendars.services import feed_key_create


def records(w: Any) -> dict[str, Any]:
    return {"feed_secret": feed_key_create(actor=w.official)}


PAGES = {
    "calendars:unit": lambda w, u: ({"code": w.tree.a.code}, None),
    "calendars:private": lambda w, u: ({"secret": w.feed_secret}, None),
    "calendars:manage": lambda w, u: ({}, None),
}
