from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coso.core.forms import BoundedDateField, LongTextField
from coso.support.models import Kind, Recipient
from coso.units.selectors import Unit


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Tên đợt hỗ trợ"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại hỗ trợ"), choices=Kind.choices)
    source = forms.CharField(label=_("Nguồn kinh phí"), max_length=255)
    value_per_household = forms.IntegerField(
        label=_("Mức hỗ trợ mỗi hộ (đồng)"), min_value=1, max_value=10**12
    )
    handed_on = BoundedDateField(label=_("Ngày trao"), future=True)
    description = LongTextField(label=_("Tiêu chí, cách bình xét"), rows=3, required=False)


class RecipientsForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Thôn, tổ"), queryset=Unit.objects.none())
    codes = forms.CharField(
        label=_("Mã hộ (mỗi dòng một mã)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )
    value = forms.IntegerField(
        label=_("Giá trị mỗi hộ (để trống: theo mức của đợt)"),
        min_value=1,
        max_value=10**12,
        required=False,
    )

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        village = self.fields["village"]
        assert isinstance(village, forms.ModelChoiceField)
        village.queryset = Unit.objects.filter(parent=commune, valid_to__isnull=True).order_by(
            "name"
        )


class ObjectionForm(forms.Form):
    recipient = forms.ModelChoiceField(
        label=_("Về hộ (nếu có)"), queryset=Recipient.objects.none(), required=False
    )
    text = LongTextField(label=_("Ý kiến về danh sách"), rows=3)
    raiser_name = forms.CharField(
        label=_("Họ tên (không bắt buộc)"), max_length=150, required=False
    )
    raiser_contact = forms.CharField(
        label=_("Điện thoại hoặc email (không bắt buộc)"), max_length=150, required=False
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recipient = self.fields["recipient"]
        assert isinstance(recipient, forms.ModelChoiceField)
        recipient.queryset = programme.recipients.all()


class AnswerForm(forms.Form):
    answer = LongTextField(label=_("Trả lời"), rows=2)
