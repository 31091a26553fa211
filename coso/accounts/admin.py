from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from coso.accounts.models import RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts are managed by superusers only (Django's own permission checks)."""

    inlines = [RoleInline]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), ("Coso", {"fields": ["full_name"]}))
