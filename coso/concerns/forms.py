"""Forms of the concerns app's pages. The topic catalogue's (administrator)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coso.concerns.topics import CODE_MAX, KEYWORD_MAX, LABEL_MAX, ORDER_MAX, TopicData
from coso.core.forms import LongTextField
from coso.core.views import pick


class TopicForm(forms.Form):
    """A topic's labels, phrases and order; the code only when it is created."""

    code = forms.CharField(
        label=_("Mã chủ đề"),
        max_length=CODE_MAX,
        help_text=_(
            "Chữ thường không dấu, chữ số, dấu gạch dưới; chủ đề con: mã chủ đề cha, dấu "
            "chấm, phần riêng (ví dụ land.compensation). Mã không đổi được sau khi tạo."
        ),
    )
    label = forms.CharField(label=_("Tên tiếng Việt"), max_length=LABEL_MAX)
    label_en = forms.CharField(label=_("Tên tiếng Anh"), max_length=LABEL_MAX)
    keywords = forms.CharField(
        label=_("Từ khóa, cụm từ nhận diện (mỗi dòng một cụm)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_(
            "So khớp không phân biệt chữ hoa, chữ thường và dấu, theo cả từ: tránh cụm "
            "quá ngắn mà khi bỏ dấu trùng với từ khác (“cầu” và “câu”)."
        ),
    )
    order = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=ORDER_MAX, required=False)
    note = forms.CharField(label=_("Lý do thay đổi"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, new: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not new:
            del self.fields["code"]

    def clean_keywords(self) -> list[str]:
        words = [w.strip() for w in self.cleaned_data["keywords"].splitlines()]
        if any(len(w) > KEYWORD_MAX for w in words):
            raise forms.ValidationError(_("Mỗi cụm từ tối đa %(n)s ký tự.") % {"n": KEYWORD_MAX})
        return [w for w in words if w]

    def data_of(self) -> TopicData:
        return TopicData(**pick(self.cleaned_data, "label label_en keywords order note"))


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("Lý do ngừng dùng"), max_length=300, required=False)


class TryForm(forms.Form):
    text = LongTextField(label=_("Nội dung thử (một phản ánh, câu hỏi, ý kiến…)"), rows=3)
