from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest

from coso.accounts.models import RoleAssignment, User
from coso.core.admin import MatrixPermissions


class RoleInline(MatrixPermissions, admin.TabularInline):  # type: ignore[misc]
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(MatrixPermissions, DjangoUserAdmin):  # type: ignore[misc]
    """Accounts are managed by administrators (`accounts.manage`)."""

    inlines = [RoleInline]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), ("Coso", {"fields": ["full_name"]}))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """Only a superuser makes superusers or hands out Django's own permissions: an
        administrator's role is bounded by the matrix, not by these switches."""
        if request.user.is_superuser:
            return ()
        return ("is_superuser", "groups", "user_permissions")
