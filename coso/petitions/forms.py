from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from coso.disclosures.forms import DateInput, MultipleFileField
from coso.petitions.models import Category, Channel, Kind
from coso.units.models import Unit, UnitKind
from coso.units.selectors import current_units


class SubmitForm(forms.Form):
    """The public form: no account needed."""

    kind = forms.ChoiceField(
        label=_("Loại đơn"), choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.FEEDBACK
    )
    complaint_round = forms.TypedChoiceField(
        label=_("Khiếu nại lần"),
        choices=[(1, _("Lần đầu")), (2, _("Lần hai"))],
        coerce=int,
        initial=1,
        required=False,
    )
    province = forms.ChoiceField(label=_("Tỉnh, thành phố"), choices=())
    commune = forms.CharField(
        label=_("Xã, phường nơi xảy ra sự việc"), widget=forms.Select(choices=[("", "—")])
    )
    category = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=Category.choices, initial=Category.OTHER
    )
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    description = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))
    address = forms.CharField(label=_("Địa điểm cụ thể"), max_length=255, required=False)
    latitude = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    sender_name = forms.CharField(
        label=_("Họ và tên (bắt buộc với đơn tố cáo)"), max_length=150, required=False
    )
    sender_contact = forms.CharField(
        label=_("Điện thoại hoặc email để nhận thông báo (không bắt buộc)"),
        max_length=150,
        required=False,
    )
    attachments = MultipleFileField(label=_("Tệp, ảnh kèm theo"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["province"]).choices = [("", "—")] + [
            (u.code, u.name)
            for u in current_units().filter(kind=UnitKind.PROVINCE).order_by("search_name")
        ]
        province = self.data.get("province") or self.initial.get("province")
        if province:
            self.fields["commune"].widget.choices = [("", "—")] + [
                (u.code, u.name)
                for u in current_units()
                .filter(parent__code=province, kind=UnitKind.COMMUNE)
                .order_by("search_name")
            ]

    def clean_commune(self) -> Unit:
        code = self.cleaned_data["commune"]
        unit = (
            current_units()
            .filter(code=code, kind=UnitKind.COMMUNE, parent__code=self.data.get("province"))
            .first()
        )
        if unit is None:
            raise forms.ValidationError(_("Hãy chọn xã, phường."))
        return unit


class IntakeForm(SubmitForm):
    """An official records a petition received in person, by letter or by phone."""

    channel = forms.ChoiceField(
        label=_("Kênh tiếp nhận"),
        choices=[(c.value, c.label) for c in (Channel.IN_PERSON, Channel.LETTER, Channel.PHONE)],
    )
    received_on = forms.DateField(label=_("Ngày nhận"), widget=DateInput, required=False)
    remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa, đi lại khó khăn"), required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("province", "commune"):
            del self.fields[name]
        self.unit = unit


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do không thụ lý (căn cứ pháp luật)"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AcceptForm(forms.Form):
    complex_case = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    note = forms.CharField(label=_("Ghi chú cho người gửi"), required=False)


class ExtendForm(forms.Form):
    reason = forms.CharField(label=_("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 2}))
    very_complex = forms.BooleanField(label=_("Vụ việc đặc biệt phức tạp (tố cáo)"), required=False)


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("Kết quả giải quyết"), widget=forms.Textarea(attrs={"rows": 3})
    )


class TransferForm(forms.Form):
    to_unit = forms.CharField(label=_("Mã đơn vị có thẩm quyền"), max_length=32)
    note = forms.CharField(label=_("Ghi chú"), required=False)


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Ngày tiếp"), widget=DateInput)
    leader = forms.CharField(label=_("Người tiếp (lãnh đạo)"), max_length=150)
    leader_title = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)


class VisitForm(forms.Form):
    visitor = forms.CharField(label=_("Người đến"), max_length=150)
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Kind.choices)
    subject = forms.CharField(label=_("Nội dung chính"), max_length=200)
    description = forms.CharField(label=_("Trình bày"), widget=forms.Textarea(attrs={"rows": 3}))
    contact = forms.CharField(label=_("Điện thoại hoặc email"), max_length=150, required=False)
