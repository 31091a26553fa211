"""Shorthands for the actions an app declares in its manifest (coso.core.manifests):
its writes and its approvals, each granted by default to a set of roles."""

from collections.abc import Iterable

from coso.core.manifests import APPROVE, WRITE, Action


def write(code: str, description: str, roles: Iterable[str]) -> Action:
    """An action that changes the app's records, granted to `roles`."""
    return Action(code, WRITE, description, frozenset(roles))


def approve(code: str, description: str, roles: Iterable[str]) -> Action:
    """An action that accepts or recognises what others wrote, granted to `roles`."""
    return Action(code, APPROVE, description, frozenset(roles))
