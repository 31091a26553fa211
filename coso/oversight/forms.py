"""Forms of the boards and projects: money in whole đồng as people write it
(1.500.000), percentages as they write them (30 or 30,5), each in its own field."""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coso.core.forms import DateInput, LongTextField
from coso.oversight.services import ProjectData
from coso.oversight.services.common import MAX_MONEY


class MoneyField(forms.Field):
    """Whole đồng, 0 or more, with dots or spaces between thousands."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "24"})
    default_error_messages = {
        "invalid": _("Số tiền là số nguyên đồng, từ 0 trở lên (ví dụ 1.500.000)."),
    }

    def to_python(self, value: Any) -> int | None:
        text = re.sub(r"[.,\s]", "", str(value or ""))
        text = text.removesuffix("đồng").removesuffix("đ")
        if not text:
            return None
        if not (text.isascii() and text.isdigit()) or int(text) > MAX_MONEY:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


class PercentField(forms.Field):
    """A percentage from 0 to 100, up to two decimals (30, 30,5 or 30.5, with or
    without %)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "maxlength": "8"})
    default_error_messages = {
        "invalid": _("Phần trăm là một số từ 0 đến 100 (ví dụ 30 hoặc 30,5)."),
    }

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").replace(" ", "").removesuffix("%")
        if not text:
            return None
        try:
            share = Decimal(text.replace(",", "."))
        except InvalidOperation:
            share = Decimal(-1)
        if not share.is_finite() or not 0 <= share <= 100 or share != round(share, 2):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return share


class ProjectForm(forms.Form):
    """A community project, its households' decided contribution, its board."""

    name = forms.CharField(label=_("Tên công trình"), max_length=255)
    approved_by = forms.TypedChoiceField(
        label=_("Nội dung Nhân dân đã quyết định đóng góp"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    budget = MoneyField(label=_("Tổng kinh phí (đồng)"))
    due_per_household = MoneyField(label=_("Mỗi hộ đóng góp (đồng)"), required=False)
    residents_share = PercentField(
        label=_("Hoặc: Nhân dân đóng góp (% tổng kinh phí)"), required=False
    )
    sources = forms.CharField(label=_("Nguồn kinh phí"), max_length=255)
    contractor = forms.CharField(label=_("Đơn vị thi công"), max_length=255, required=False)
    starts_on = forms.DateField(label=_("Khởi công"), widget=DateInput)
    ends_on = forms.DateField(label=_("Dự kiến hoàn thành"), widget=DateInput)
    board = LongTextField(
        label=_("Ban giám sát đầu tư của cộng đồng (mỗi dòng một người)"), required=False
    )

    def __init__(self, *args: Any, matters: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.matters = {m.pk: m for m in matters}
        field = self.fields["approved_by"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *((m.pk, m.title) for m in matters)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        each, share = data.get("due_per_household"), data.get("residents_share")
        if "due_per_household" in data and "residents_share" in data:
            if each is None and share is None:
                self.add_error(
                    "due_per_household",
                    _("Hãy ghi số tiền mỗi hộ đóng góp hoặc phần trăm tổng kinh phí."),
                )
            elif each is not None and share is not None:
                self.add_error(
                    "residents_share",
                    _("Chỉ ghi một trong hai: số tiền mỗi hộ hoặc phần trăm tổng kinh phí."),
                )
        return data

    def project_data(self) -> ProjectData:
        data = self.cleaned_data
        return ProjectData(
            name=data["name"],
            budget=data["budget"],
            sources=data["sources"],
            contractor=data["contractor"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            board=data["board"],
            approved_by=self.matters.get(data["approved_by"]),
            due_per_household=data["due_per_household"],
            residents_share=data["residents_share"],
        )


class RolesForm(forms.Form):
    """Who heads a board and who are its deputies, among its members."""

    head = forms.TypedChoiceField(label=_("Trưởng ban"), coerce=int)
    deputies = forms.TypedMultipleChoiceField(
        label=_("Phó trưởng ban"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(m.pk, m.name) for m in members]
        for name in ("head", "deputies"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
