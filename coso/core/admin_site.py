from typing import Any, cast

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from coso.core.permissions import can
from coso.core.ratelimit import limit_posts


class CosoAdminSite(admin.AdminSite):
    """Django admin, open to administrators and to anyone holding a role in a unit.

    What each person sees inside it is scoped exactly like the rest of Coso
    (see `coso.core.admin.ScopedAdmin`).
    """

    site_header = _("Quản trị Coso")
    site_title = _("Quản trị Coso")
    index_title = _("Dữ liệu trong phạm vi của bạn")

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Sign-in is rate-limited per address, as on the officials' own sign-in page."""
        return cast(HttpResponse, limit_posts("signin")(super().login)(request, extra_context))

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and can(user, "records.read"))
