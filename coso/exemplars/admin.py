from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from coso.core.admin import AuditedAdmin, MatrixPermissions
from coso.exemplars.models import Criterion


@admin.register(Criterion)
class CriterionAdmin(MatrixPermissions, AuditedAdmin):  # type: ignore[misc]
    """The national rubric for evaluating 'Dân vận khéo' models, kept by those who
    evaluate nationwide. Evaluations keep a copy of the rubric they were scored against,
    so a change applies to later evaluations only; a criterion is retired, never
    deleted."""

    action = "exemplars.approve"
    list_display = ["order", "label", "max_points", "active"]
    list_display_links = ["label"]
    list_filter = ["active"]
    search_fields = ["code", "label"]

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
