from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from coso.core.admin import ScopedAdmin
from coso.core.errors import DomainError
from coso.core.text import fold
from coso.units import services
from coso.units.models import Unit


class UnitAddForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "division_type", "parent", "valid_from"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            services.unit_validate(
                parent=data.get("parent"),
                code=(data.get("code") or "").strip(),
                name=" ".join((data.get("name") or "").split()),
                kind=data.get("kind") or "",
            )
        except DomainError as error:
            self.add_error(error.field, error.message)
        return data


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    path_field = "path"
    edit_action = "units.write"
    list_display = ["code", "name", "kind", "division_type", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "division_type"]
    list_select_related = ["parent"]
    search_fields = ["code", "search_name"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["merged_into"]

    def get_form(  # type: ignore[override]
        self, request: HttpRequest, obj: Any | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = UnitAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        if obj is None:
            return UnitAddForm.Meta.fields
        return [
            "code",
            "name",
            "kind",
            "division_type",
            "parent",
            "path",
            "valid_from",
            "valid_to",
            "merged_into",
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        # Code and parent make up the tree path of the whole subtree: fixed once created.
        return ["code", "kind", "parent", "path"] if obj else []

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        return super().get_search_results(request, queryset, fold(search_term))

    def unit_id_of(self, obj: Model) -> int | None:
        return obj.pk

    def before_save(self, obj: Model) -> None:
        assert isinstance(obj, Unit)
        services.unit_fill_derived(obj)
