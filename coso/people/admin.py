from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from coso.core import audit, indicators
from coso.core.admin import ScopedAdmin, ScopedInline
from coso.core.permissions import can
from coso.core.text import fold
from coso.people.forms import MembersFormSet, ResidentForm
from coso.people.models import Household, Resident
from coso.people.services import province_id_of


class ResidentInline(ScopedInline):
    model = Resident
    form = ResidentForm
    formset = MembersFormSet
    extra = 1
    view_action = "personal.read"
    edit_action = "households.write"

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        # Whole citizen ID numbers only for those who keep the register.
        return () if can(request.user, "citizen_id.read") else ("citizen_id",)


@admin.register(Household)
class HouseholdAdmin(ScopedAdmin):
    path_field = "village__path"
    view_action = "personal.read"
    edit_action = "households.write"
    list_display = ["code", "village", "address"]
    list_select_related = ["village"]
    search_fields = ["code"]
    autocomplete_fields = ["village"]
    inlines = [ResidentInline]

    def unit_id_of(self, obj: Model) -> int | None:
        assert isinstance(obj, Household)
        return obj.village_id

    def after_write(self, obj: Model) -> None:
        assert isinstance(obj, Household)
        indicators.touched("people", obj.village_id, [timezone.localdate()])

    def before_save(self, obj: Model) -> None:
        assert isinstance(obj, Household)
        obj.province_id = province_id_of(obj.village)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        household: Household = form.instance
        before = {
            f.instance.pk: audit.snapshot(Resident.objects.get(pk=f.instance.pk))
            for f in formset.forms
            if f.instance.pk
        }
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.log_delete(actor=request.user, obj=obj, unit_id=household.village_id)
            obj.delete()
        # Clear the old representative first so the one-representative constraint holds
        # while the new one is saved.
        for obj in sorted(instances, key=lambda r: r.is_representative):
            obj.province_id = household.province_id
            obj.search_name = fold(obj.full_name)
            obj.save()
            if obj.pk in before:
                audit.log_update(
                    actor=request.user, obj=obj, before=before[obj.pk], unit_id=household.village_id
                )
            else:
                audit.log_create(actor=request.user, obj=obj, unit_id=household.village_id)
        formset.save_m2m()
        self.after_write(household)
