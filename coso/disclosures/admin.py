from django.contrib import admin
from django.db.models import Model

from coso.core.admin import ScopedAdmin
from coso.disclosures.models import Disclosure
from coso.disclosures.permissions import DISCLOSURE_EDITORS


@admin.register(Disclosure)
class DisclosureAdmin(ScopedAdmin):
    """Read-only list for the admin: publishing goes through the officials' pages."""

    path_field = "unit__path"
    editor_roles = DISCLOSURE_EDITORS
    list_display = ["title", "unit", "category", "posted_on", "taken_down_on", "is_current"]
    list_filter = ["is_current", "is_late", "taken_down_early"]
    list_select_related = ["unit"]
    search_fields = ["search_text"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj: Model | None = None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj: Model | None = None) -> bool:  # type: ignore[no-untyped-def]
        return False
