from django import forms
from django.utils.translation import gettext_lazy as _

from coso.core.forms import BoundedDateField, LongTextField, MultipleFileField
from coso.followups.models import Status


class MoveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Cập nhật"),
        choices=[
            (Status.IN_PROGRESS.value, _("Đang thực hiện")),
            (Status.DONE.value, _("Đã thực hiện (kèm minh chứng)")),
            (Status.CANNOT.value, _("Không thực hiện được (ghi lý do)")),
        ],
        widget=forms.RadioSelect,
    )
    note = LongTextField(label=_("Kết quả, minh chứng hoặc lý do"), required=False, rows=3)
    evidence = MultipleFileField(label=_("Ảnh, tệp minh chứng"))
    on = BoundedDateField(label=_("Ngày hoàn thành"), required=False)


class RespondForm(forms.Form):
    code = forms.CharField(label=_("Mã xác nhận"), max_length=20)
    answer = forms.ChoiceField(
        label=_("Ý kiến của bạn"),
        choices=[
            ("confirm", _("Tôi xác nhận kết quả đã báo là đúng")),
            ("object", _("Tôi chưa đồng ý")),
        ],
        widget=forms.RadioSelect,
    )
    note = LongTextField(label=_("Ghi chú (bắt buộc nếu chưa đồng ý)"), required=False, rows=3)
