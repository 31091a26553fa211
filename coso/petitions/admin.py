"""Open311 client applications, issued and revoked by an administrator (`accounts.manage`)."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coso.core.admin import MatrixPermissions
from coso.petitions import services
from coso.petitions.models import Open311Client


@admin.register(Open311Client)
class Open311ClientAdmin(MatrixPermissions, admin.ModelAdmin):  # type: ignore[misc]
    """Adding a client issues its api_key, shown once in the message that follows; a
    key is never edited nor deleted, only revoked (the action on the list)."""

    list_display = ["name", "contact", "prefix", "created_at", "last_used_at", "revoked_at"]
    fields = ["name", "contact"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("name", "contact") if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            return
        client, key = services.open311_client_issue(
            actor=request.user, name=obj.name, contact=obj.contact
        )
        obj.pk, obj.prefix, obj.created_at = client.pk, client.prefix, client.created_at
        messages.warning(
            request,
            _("api_key của ứng dụng (chỉ hiện lần này, hãy chép lại ngay): %(key)s") % {"key": key},
        )

    @admin.action(description=gettext_lazy("Thu hồi api_key của các ứng dụng đã chọn"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[Open311Client]) -> None:
        revoked = sum(
            services.open311_client_revoke(actor=request.user, client=client) for client in queryset
        )
        messages.success(request, _("Đã thu hồi %(n)s api_key.") % {"n": revoked})
