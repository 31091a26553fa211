from django.contrib import admin

from coso.core.admin import ScopedAdmin
from coso.disclosures.models import Disclosure


@admin.register(Disclosure)
class DisclosureAdmin(ScopedAdmin):
    """Read-only in the admin (no `edit_action`): publishing goes through the officials'
    pages."""

    path_field = "unit__path"
    list_display = ["title", "unit", "category", "posted_on", "taken_down_on", "is_current"]
    list_filter = ["is_current", "is_late", "taken_down_early"]
    list_select_related = ["unit"]
    search_fields = ["search_text"]
