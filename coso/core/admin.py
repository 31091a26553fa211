"""The base of every domain ModelAdmin: scoped queries, the permission matrix, audited writes."""

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from coso.core import audit
from coso.core.permissions import can, can_nationwide, roles_for
from coso.core.scoping import scoped


class AuditedAdmin(admin.ModelAdmin):
    """Writes every admin create, change and delete to the audit log."""

    def unit_id_of(self, obj: Model) -> int | None:
        return None

    def before_save(self, obj: Model) -> None:
        """Fill fields derived from others before saving (paths, search keys)."""

    def after_write(self, obj: Model) -> None:
        """After a save or a delete: e.g. tell the indicators what changed."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        before = audit.snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        self.before_save(obj)
        super().save_model(request, obj, form, change)
        if before is None:
            audit.log_create(actor=request.user, obj=obj, unit_id=self.unit_id_of(obj))
        else:
            audit.log_update(
                actor=request.user, obj=obj, before=before, unit_id=self.unit_id_of(obj)
            )
        self.after_write(obj)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        audit.log_delete(actor=request.user, obj=obj, unit_id=self.unit_id_of(obj))
        super().delete_model(request, obj)
        self.after_write(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class MatrixPermissions:
    """Admin pages for records that belong to no unit (accounts, the rulebook): one
    action of the matrix, held nationwide, to see and change them."""

    action = "accounts.manage"

    def _allowed(self, request: HttpRequest) -> bool:
        return can_nationwide(request.user, self.action)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request)


class ScopedAdmin(AuditedAdmin):
    """A model's admin pages, asking the permission matrix: `view_action` to list and
    open its records, `edit_action` (None: read-only) to add, change and delete them,
    each only within the user's units."""

    # Lookup from this model to the unit path it belongs to ("path", "village__path"...).
    path_field = "path"
    view_action = "records.read"
    edit_action: str | None = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scoped(
            super().get_queryset(request),
            request.user,
            path_field=self.path_field,
            roles=roles_for(self.view_action),
        )

    def _path_of(self, obj: Model) -> str:
        value: Any = obj
        for part in self.path_field.split("__"):
            value = getattr(value, part)
        return str(value)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can(request.user, self.view_action)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        path = None if obj is None else self._path_of(obj)
        return can(request.user, self.view_action, path=path)

    def _may_edit(self, request: HttpRequest, obj: Model | None) -> bool:
        if self.edit_action is None:
            return False
        path = None if obj is None else self._path_of(obj)
        return can(request.user, self.edit_action, path=path)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may_edit(request, None)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may_edit(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may_edit(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # A unit chosen on the form must be one the user may edit in ("units.Unit").
        unit_model = db_field.related_model
        if unit_model._meta.label == "units.Unit" and self.edit_action:
            kwargs["queryset"] = scoped(
                unit_model._default_manager.all(),
                request.user,
                path_field="path",
                roles=roles_for(self.edit_action),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedInline(admin.TabularInline):
    """An inline whose rows belong to the parent's unit: the parent admin has already
    checked the unit, so the inline asks the matrix for the action anywhere."""

    view_action = "records.read"
    edit_action: str | None = None

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return can(request.user, self.view_action)

    def _may_edit(self, request: HttpRequest) -> bool:
        return self.edit_action is not None and can(request.user, self.edit_action)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may_edit(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may_edit(request)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may_edit(request)
