from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest

from coso.accounts.models import OidcIdentity, RoleAssignment, User
from coso.core.admin import MatrixPermissions


class RoleInline(MatrixPermissions, admin.TabularInline):  # type: ignore[misc]
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


class OidcIdentityInline(MatrixPermissions, admin.TabularInline):  # type: ignore[misc]
    """The provider accounts bound to this one: deleting a row unbinds it, so the next
    sign-in through the provider matches by claim again."""

    model = OidcIdentity
    extra = 0
    fields = ("issuer", "subject", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(MatrixPermissions, DjangoUserAdmin):  # type: ignore[misc]
    """Accounts are managed by administrators (`accounts.manage`)."""

    inlines = [RoleInline, OidcIdentityInline]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), ("Coso", {"fields": ["full_name"]}))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """Only a superuser makes superusers or hands out Django's own permissions: an
        administrator's role is bounded by the matrix, not by these switches."""
        if request.user.is_superuser:
            return ()
        return ("is_superuser", "groups", "user_permissions")
