from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from coso.core.scoping import holds_any_role


class CosoAdminSite(admin.AdminSite):
    """Django admin, open to administrators and to anyone holding a role in a unit.

    What each person sees inside it is scoped exactly like the rest of Coso
    (see `coso.core.admin.ScopedAdmin`).
    """

    site_header = _("Quản trị Coso")
    site_title = _("Quản trị Coso")
    index_title = _("Dữ liệu trong phạm vi của bạn")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and (user.is_superuser or holds_any_role(user)))
