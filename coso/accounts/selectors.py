"""Reads of officials' accounts and roles, for the apps above accounts.

Other apps name the types and role choices from here (`User`, `Role`, `RoleAssignment`,
`MONITORING_ROLES`), never from `accounts.models`.
"""

from typing import Any

from django.db.models import QuerySet

from coso.accounts.models import MONITORING_ROLES, Role, RoleAssignment, User

__all__ = [
    "MONITORING_ROLES",
    "Role",
    "RoleAssignment",
    "User",
    "monitors_only",
    "role_unit_ids",
]


def monitors_only(*, user: Any) -> bool:
    """Whether every role the user holds is a monitoring one (central, provincial)."""
    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    return bool(roles) and roles <= set(MONITORING_ROLES) and not user.is_superuser


def role_unit_ids(*, user: Any) -> QuerySet[RoleAssignment, Any] | None:
    """The ids of the units the user holds a role in, as a subquery (`unit_id`); None
    for a superuser or a nationwide role, which hold every unit."""
    if user.is_superuser or RoleAssignment.objects.filter(user=user, unit__isnull=True).exists():
        return None
    return RoleAssignment.objects.filter(user=user).values("unit_id")


def role_paths(user: Any) -> list[tuple[str, str | None]]:
    """The roles `user` holds, each with the tree path of its unit (None: nationwide)."""
    return list(RoleAssignment.objects.filter(user=user).values_list("role", "unit__path"))
