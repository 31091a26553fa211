"""The people app's part of the permission test (tests/test_permissions.py): a household
in village A, and an example for each of its pages and API operations — the URL's
arguments and the unit its record lives in (None: no record)."""

from typing import Any

from coso.people.tests.factories import make_household


def records(w: Any) -> dict[str, Any]:
    return {"household": make_household(w.tree.village_a, "A-1")}


PAGES = {
    "people:household": lambda w, u: ({"pk": w.household.pk}, w.tree.village_a),
    "people:village_export": lambda w, u: ({"code": w.tree.village_a.code}, w.tree.village_a),
}
API = {
    "GET /api/households": lambda w: ({"unit": w.tree.village_a.code}, None, w.tree.village_a),
    "GET /api/households/{household_id}": lambda w: (
        {"household_id": w.household.pk},
        None,
        w.tree.village_a,
    ),
}
