from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã 6 số trên ứng dụng xác thực"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ (hệ thống sẽ dùng khóa)"),
        max_length=100,
        help_text=_("Ví dụ: phần mềm một cửa của xã."),
    )
