"""Reads of officials' accounts and roles, for the apps above accounts.

Other apps name the types and role choices from here (`User`, `Role`, `RoleAssignment`,
`MONITORING_ROLES`), never from `accounts.models`.
"""

from typing import Any

from coso.accounts.models import MONITORING_ROLES, Role, RoleAssignment, User
from coso.units import selectors as units
from coso.units.selectors import Unit

__all__ = [
    "MONITORING_ROLES",
    "Role",
    "RoleAssignment",
    "User",
    "monitors_only",
    "role_units",
]


def monitors_only(*, user: Any) -> bool:
    """Whether every role the user holds is a monitoring one (central, provincial)."""
    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    return bool(roles) and roles <= set(MONITORING_ROLES) and not user.is_superuser


def role_units(*, user: Any) -> list[Unit]:
    """The units the user holds a role in (the provinces for a nationwide role)."""
    if user.is_superuser or RoleAssignment.objects.filter(user=user, unit__isnull=True).exists():
        return list(units.provinces_with_counts())
    ids = RoleAssignment.objects.filter(user=user).values("unit_id")
    return list(units.current_units().filter(pk__in=ids).order_by("path"))


def role_paths(user: Any) -> list[tuple[str, str | None]]:
    """The roles `user` holds, each with the tree path of its unit (None: nationwide)."""
    return list(RoleAssignment.objects.filter(user=user).values_list("role", "unit__path"))
