"""The accounts app's part of the permission test (tests/test_permissions.py): an example
for each of its pages — the URL's arguments and the unit its record lives in (None: no
record)."""

from coso.accounts.tokens import token_create

PAGES = {
    "accounts:login": lambda w, u: ({}, None),
    "accounts:logout": lambda w, u: ({}, None),
    "accounts:two_factor": lambda w, u: ({}, None),
    "accounts:oidc_start": lambda w, u: ({}, None),
    "accounts:oidc_callback": lambda w, u: ({}, None),
    "accounts:account": lambda w, u: ({}, None),
    "accounts:password": lambda w, u: ({}, None),
    "accounts:token_revoke": lambda w, u: (
        {"pk": token_create(actor=u, name="x")[0].pk if u else 1},
        None,
    ),
}
