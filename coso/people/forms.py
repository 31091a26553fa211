from typing import Any

from django import forms
from django.utils import timezone

from coso.people import services
from coso.people.models import Resident


class MembersFormSet(forms.BaseInlineFormSet):
    """A household's members: each valid, exactly one adult representative (GDL art. 18)."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        today = timezone.localdate()
        members = []
        for form in self.forms:
            data: dict[str, Any] = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            member = services.MemberData(
                full_name=data.get("full_name", ""),
                sex=data.get("sex", ""),
                date_of_birth=data["date_of_birth"],
                relation=data.get("relation", ""),
                is_representative=bool(data.get("is_representative")),
                citizen_id=data.get("citizen_id") or None,
            )
            for field, message in services.member_errors(member, today=today):
                form.add_error(field, message)
            members.append(member)
        error = services.representative_error(members, today=today)
        if error:
            raise forms.ValidationError(error)


class ResidentForm(forms.ModelForm):
    class Meta:
        model = Resident
        fields = [
            "full_name",
            "sex",
            "date_of_birth",
            "citizen_id",
            "relation",
            "is_representative",
        ]

    def clean_citizen_id(self) -> str | None:
        return (self.cleaned_data.get("citizen_id") or "").strip() or None
