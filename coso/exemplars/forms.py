from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coso.core.forms import BoundedDateField, LongTextField, MultipleFileField
from coso.exemplars.models import Criterion, Field, Level, Sponsor, Verdict
from coso.exemplars.services import MAX_COUNT, MAX_MONEY


class ExemplarForm(forms.Form):
    name = forms.CharField(label=_("Tên mô hình"), max_length=255)
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=Field.choices)
    sponsor = forms.ChoiceField(label=_("Tổ chức chủ trì"), choices=Sponsor.choices)
    sponsor_name = forms.CharField(
        label=_("Tên tổ chức, cơ quan chủ trì"), max_length=200, required=False
    )
    started_on = BoundedDateField(label=_("Ngày bắt đầu"))
    description = LongTextField(label=_("Cách làm"), rows=4)
    results = LongTextField(label=_("Kết quả"), rows=3, required=False)
    households_benefited = forms.IntegerField(
        label=_("Số hộ được hưởng lợi"), min_value=0, max_value=MAX_COUNT, initial=0
    )
    money_mobilised = forms.IntegerField(
        label=_("Kinh phí huy động (đồng)"), min_value=0, max_value=MAX_MONEY, initial=0
    )
    workdays_mobilised = forms.IntegerField(
        label=_("Ngày công huy động"), min_value=0, max_value=MAX_COUNT, initial=0
    )
    land_donated_m2 = forms.IntegerField(
        label=_("Đất hiến (m²)"), min_value=0, max_value=MAX_COUNT, initial=0
    )
    photos = MultipleFileField(label=_("Ảnh (JPG, PNG)"))


class EvaluationForm(forms.Form):
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2000)
    verdict = forms.ChoiceField(label=_("Kết luận"), choices=Verdict.choices)
    note = LongTextField(label=_("Nhận xét"), rows=2, required=False)

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.criteria = criteria
        for c in criteria:
            self.fields[f"score_{c.code}"] = forms.IntegerField(
                label=f"{c.label} (0–{c.max_points})", min_value=0, max_value=c.max_points
            )

    def scores(self) -> dict[str, int]:
        return {c.code: self.cleaned_data[f"score_{c.code}"] for c in self.criteria}


class RecognitionForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Cấp công nhận"),
        choices=[(lv.value, lv.label) for lv in (Level.COMMUNE, Level.PROVINCE, Level.CENTRAL)],
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decided_on = BoundedDateField(label=_("Ngày quyết định"))
    issuer = forms.CharField(label=_("Cơ quan công nhận"), max_length=200)
