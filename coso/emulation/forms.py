from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coso.core.forms import LongTextField
from coso.emulation.models import CriteriaSet, Kind, Scoring, Source


def points_field(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=Decimal(0), max_digits=7, decimal_places=2
    )


class SetForm(forms.Form):
    name = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=200)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=Kind.choices)
    defaults = forms.BooleanField(
        label=_("Bắt đầu từ các tiêu chí mẫu của Coso"), required=False, initial=True
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].initial = timezone.localdate().year


class CriterionForm(forms.Form):
    code = forms.SlugField(label=_("Mã"), max_length=40)
    label = forms.CharField(label=_("Tiêu chí"), max_length=255)
    weight = points_field(_("Điểm tối đa"))
    source = forms.ChoiceField(label=_("Nguồn"), choices=Source.choices)
    scoring = forms.ChoiceField(label=_("Cách tính điểm"), choices=Scoring.choices)
    indicator = forms.CharField(
        label=_("Mã chỉ tiêu (tiêu chí tự động)"),
        max_length=64,
        required=False,
        help_text=_("Ví dụ: petitions.on_time_share, index.participation"),
    )
    floor = forms.DecimalField(label=_("Mức sàn (0 điểm)"), required=False)
    target = forms.DecimalField(label=_("Mục tiêu (đủ điểm)"), required=False)

    def rule(self) -> dict[str, float]:
        d = self.cleaned_data
        if d["scoring"] != Scoring.LINEAR:
            return {}
        return {k: float(d[k]) if d[k] is not None else None for k in ("floor", "target")}  # type: ignore[misc]


class WeightForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    weight = points_field(_("Điểm tối đa mới"))


class GradesForm(forms.Form):
    excellent = points_field(_("Xuất sắc từ"))
    good = points_field(_("Tốt từ"))
    fair = points_field(_("Khá từ"))


class RunForm(forms.Form):
    criteria_set = forms.ModelChoiceField(
        label=_("Bộ tiêu chí"), queryset=CriteriaSet.objects.none()
    )
    period = forms.CharField(
        label=_("Kỳ"),
        max_length=12,
        help_text=_("Năm (2025), 6 tháng (2025-H1) hoặc quý (2025-Q4)"),
    )

    def __init__(self, *args: object, sets: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["criteria_set"].queryset = sets  # type: ignore[attr-defined]
        self.fields["period"].initial = str(timezone.localdate().year - 1)


class ScoreForm(forms.Form):
    points = points_field(_("Điểm"))
    note = LongTextField(label=_("Nhận xét, minh chứng"), rows=3, required=False)
    evidence = forms.FileField(label=_("Tệp minh chứng (PDF, ảnh, văn bản)"), required=False)


class ObjectionForm(forms.Form):
    reason = LongTextField(label=_("Lý do kiến nghị"), rows=3)


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Trả lời"),
        choices=[("1", _("Chấp nhận, chấm lại")), ("0", _("Không chấp nhận"))],
        coerce=lambda v: v == "1",
    )
    points = points_field(_("Điểm mới (khi chấp nhận)"), required=False)
    reply = LongTextField(label=_("Nội dung trả lời, lý do"), rows=3)
