"""The residents app's part of the permission test (tests/test_permissions.py): the
household of coso/people/tests/matrix.py given its sign-in, and an example for each of
its pages — the URL's arguments and the unit its record lives in (None: no record)."""

from typing import Any

from coso.residents.services import issue_codes


def records(w: Any) -> dict[str, Any]:
    issue_codes(actor=w.head, village=w.tree.village_a, households=[w.household])
    return {}


PAGES = {
    "residents:sign_in": lambda w, u: ({}, None),
    "residents:sms": lambda w, u: ({}, None),
    "residents:pin": lambda w, u: ({}, None),
    "residents:home": lambda w, u: ({}, None),
    "residents:sign_out": lambda w, u: ({}, None),
    "residents:logins": lambda w, u: ({"code": w.tree.village_a.code}, w.tree.village_a),
    "residents:revoke": lambda w, u: ({"pk": w.household.access.pk}, w.tree.village_a),
}
