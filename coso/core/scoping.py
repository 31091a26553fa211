"""The one scoping rule: a user reaches the subtrees of the units they hold a role in.

Every selector that shows data, and every service that changes it, filters through
`scoped()` (or `get_for_user_or_404()`); a record outside the user's units is treated
exactly like a record that does not exist.
"""

from collections.abc import Collection
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from coso.core.roles import held_by

M = TypeVar("M", bound=Model)


def assignments(user: Any) -> list[tuple[str, str | None]]:
    """The user's roles with the paths they cover, read once and kept on the user."""
    cached = getattr(user, "_coso_assignments", None)
    if cached is None:
        cached = held_by(user)
        user._coso_assignments = cached
    return cached


def scope_paths(user: Any, *, roles: Collection[str] | None = None) -> list[str] | None:
    """Tree paths the user reaches through any of `roles` (any role when None).

    None means everything (a superuser, or a nationwide role bound to no unit); an empty
    list means nothing.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return None
    paths = [path for role, path in assignments(user) if roles is None or role in roles]
    if any(path is None for path in paths):
        return None
    # Drop paths already covered by a shorter one, so the filter stays small.
    minimal: list[str] = []
    for path in sorted(set(p for p in paths if p is not None), key=len):
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return minimal


def unit_q(user: Any, *, path_field: str, roles: Collection[str] | None = None) -> Q:
    """A filter on `path_field` (a unit path, possibly across relations) for this user."""
    paths = scope_paths(user, roles=roles)
    if paths is None:
        return Q()
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition


def scoped(
    qs: QuerySet[M], user: Any, *, path_field: str, roles: Collection[str] | None = None
) -> QuerySet[M]:
    return qs.filter(unit_q(user, path_field=path_field, roles=roles))


def get_for_user_or_404(
    qs: QuerySet[M],
    user: Any,
    *,
    path_field: str,
    roles: Collection[str] | None = None,
    **lookup: Any,
) -> M:
    """Fetch one record the user may reach, or 404 — the same answer for missing and forbidden."""
    obj = scoped(qs, user, path_field=path_field, roles=roles).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def may_reach(user: Any, path: str, *, roles: Collection[str] | None = None) -> bool:
    paths = scope_paths(user, roles=roles)
    return paths is None or any(path.startswith(p) for p in paths)
