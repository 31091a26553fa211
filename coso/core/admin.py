"""The base of every domain ModelAdmin: scoped queries, role permissions, audited writes."""

from collections.abc import Collection
from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from coso.accounts.models import Role
from coso.core import audit
from coso.core.scoping import holds_any_role, may_reach, scoped

EDITOR_ROLES = {Role.ADMINISTRATOR, Role.COMMUNE_OFFICIAL, Role.VILLAGE_HEAD}


class AuditedAdmin(admin.ModelAdmin):
    """Writes every admin create, change and delete to the audit log."""

    def unit_id_of(self, obj: Model) -> int | None:
        return None

    def before_save(self, obj: Model) -> None:
        """Fill fields derived from others before saving (paths, search keys)."""

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

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        audit.log_delete(actor=request.user, obj=obj, unit_id=self.unit_id_of(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class ScopedAdmin(AuditedAdmin):
    # Lookup from this model to the unit path it belongs to ("path", "village__path"...).
    path_field = "path"
    editor_roles: Collection[str] = EDITOR_ROLES

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scoped(super().get_queryset(request), request.user, path_field=self.path_field)

    def _path_of(self, obj: Model) -> str:
        value: Any = obj
        for part in self.path_field.split("__"):
            value = getattr(value, part)
        return str(value)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return holds_any_role(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return holds_any_role(request.user) and (
            obj is None or may_reach(request.user, self._path_of(obj))
        )

    def _may_edit(self, request: HttpRequest, obj: Model | None) -> bool:
        if not holds_any_role(request.user, roles=self.editor_roles):
            return False
        return obj is None or may_reach(request.user, self._path_of(obj), roles=self.editor_roles)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may_edit(request, None)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may_edit(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may_edit(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        from coso.units.models import Unit

        if db_field.related_model is Unit:
            kwargs["queryset"] = scoped(
                Unit.objects.all(), request.user, path_field="path", roles=self.editor_roles
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedInline(admin.TabularInline):
    """An inline whose rows belong to the parent's unit: the parent admin has already
    checked the unit, so the inline needs only the role."""

    editor_roles: Collection[str] = EDITOR_ROLES

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return holds_any_role(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return holds_any_role(request.user, roles=self.editor_roles)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return holds_any_role(request.user, roles=self.editor_roles)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return holds_any_role(request.user, roles=self.editor_roles)
