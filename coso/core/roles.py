"""The roles an account may hold, and what core needs to know of them: the catalogue
every app names in the actions it declares (`coso/<app>/manifest.py`) and the matrix
lists; and the roles a user holds, with the
unit paths they cover — asked of the accounts app, which keeps the assignments
(`coso.core.hooks`, answered in coso/accounts/hooks.py), so that core never imports it."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core import hooks


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")
    CENTRAL_VIEWER = "central_viewer", _("Theo dõi cấp Trung ương")
    PROVINCE_VIEWER = "province_viewer", _("Theo dõi cấp tỉnh")
    COMMUNE_OFFICIAL = "commune_official", _("Cán bộ, công chức xã")
    VILLAGE_HEAD = "village_head", _("Trưởng thôn, tổ trưởng tổ dân phố")
    FRONT_OFFICER = "front_officer", _("Cán bộ Mặt trận Tổ quốc")
    INSPECTION_MEMBER = "inspection_member", _("Thành viên Ban Thanh tra nhân dân")
    ORG_OFFICER = "org_officer", _("Cán bộ cơ quan, doanh nghiệp")


# Roles whose holders may see every unit in the country when bound to no unit.
NATIONWIDE_ROLES = (Role.ADMINISTRATOR, Role.CENTRAL_VIEWER)
# The steering committees' monitoring roles: they land on their dashboard.
MONITORING_ROLES = (Role.CENTRAL_VIEWER, Role.PROVINCE_VIEWER)

# Shorthands for the actions' default grants.
OFFICIALS = frozenset(Role)  # every role held by an account
ORGANISERS = frozenset(
    {Role.ADMINISTRATOR, Role.COMMUNE_OFFICIAL, Role.VILLAGE_HEAD, Role.ORG_OFFICER}
)

# How docs/permissions.md names each role (in English, as the rest of that document).
ROLE_NAMES: dict[str, str] = {
    Role.ADMINISTRATOR: "administrator",
    Role.CENTRAL_VIEWER: "central monitoring",
    Role.PROVINCE_VIEWER: "provincial monitoring",
    Role.COMMUNE_OFFICIAL: "commune official",
    Role.VILLAGE_HEAD: "village head",
    Role.FRONT_OFFICER: "Fatherland Front cadre",
    Role.INSPECTION_MEMBER: "People's Inspection Board member",
    Role.ORG_OFFICER: "agency or enterprise official",
}


# (role, the tree path of the unit it is bound to; None: nationwide)
Held = list[tuple[str, str | None]]


def role_names() -> dict[str, str]:
    """Every role, in the order the matrix lists them, with its name in English."""
    return dict(ROLE_NAMES)


def held_by(user: Any) -> Held:
    """The roles `user` holds, each with the path of the unit it covers (one query)."""
    return hooks.ask("roles.held_by")(user)  # type: ignore[no-any-return]
