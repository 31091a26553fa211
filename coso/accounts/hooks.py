"""What the accounts app answers for core (`coso.core.hooks`): the roles a user holds,
read by the scoping rule (coso/core/scoping.py)."""

from coso.accounts import selectors
from coso.core import hooks

hooks.provide("roles.held_by", selectors.role_paths)
