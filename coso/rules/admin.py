from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coso.core.admin import AuditedAdmin, MatrixPermissions
from coso.core.errors import DomainError
from coso.rules import services
from coso.rules.models import CalendarException, Rule


class RuleRevisionForm(forms.ModelForm):
    """Changing a rule means a new version from a date; the old one is kept."""

    revision_from = forms.DateField(
        label=_("Phiên bản mới có hiệu lực từ"),
        initial=timezone.localdate,
        help_text=_("Phiên bản hiện hành kết thúc vào ngày này và được lưu lại."),
    )

    class Meta:
        model = Rule
        fields = ["value", "citation", "note"]

    def clean_revision_from(self) -> Any:
        day = self.cleaned_data["revision_from"]
        if day <= self.instance.effective_from:
            raise forms.ValidationError(
                _("Phiên bản mới phải có hiệu lực sau ngày %(day)s của phiên bản hiện hành.")
                % {"day": self.instance.effective_from.strftime("%d/%m/%Y")}
            )
        return day


@admin.register(Rule)
class RuleAdmin(MatrixPermissions, admin.ModelAdmin):  # type: ignore[misc]
    action = "rules.approve"
    form = RuleRevisionForm
    list_display = ["code", "title", "described", "citation", "effective_from", "effective_to"]
    list_filter = ["kind"]
    search_fields = ["code", "title", "citation"]
    readonly_fields = ["code", "title", "kind", "period_unit", "effective_from", "effective_to"]

    @admin.display(description=_("giá trị"))
    def described(self, obj: Rule) -> str:
        return services.describe(obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        is_open = obj is None or (isinstance(obj, Rule) and obj.effective_to is None)
        return is_open and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Rule, form: Any, change: bool) -> None:
        try:
            revised = services.rule_revise(
                actor=request.user,
                code=obj.code,
                value=form.cleaned_data["value"],
                effective_from=form.cleaned_data["revision_from"],
                citation=form.cleaned_data["citation"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            messages.error(request, error.message)
            return
        obj.pk = revised.pk


@admin.register(CalendarException)
class CalendarExceptionAdmin(MatrixPermissions, AuditedAdmin):  # type: ignore[misc]
    action = "rules.approve"
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]
