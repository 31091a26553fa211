from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso.residents.pins import PIN_MAX, PIN_MIN


class SignInForm(forms.Form):
    login = forms.CharField(label=_("Mã đăng nhập của hộ"), max_length=20)
    secret = forms.CharField(
        label=_("Mã kích hoạt, mã PIN hoặc mã nhận qua tin nhắn"),
        max_length=40,
        widget=forms.PasswordInput(attrs={"autocomplete": "one-time-code"}),
    )


class SmsForm(forms.Form):
    login = forms.CharField(label=_("Mã đăng nhập của hộ"), max_length=20)


class NoticesForm(forms.Form):
    """The household's choice of how it is told (the service refuses one not offered)."""

    notices = forms.CharField(label=_("Nhận thông báo"), max_length=8)


class PinForm(forms.Form):
    pin = forms.CharField(
        label=format_lazy(_("Mã PIN mới (từ {min} đến {max} chữ số)"), min=PIN_MIN, max=PIN_MAX),
        help_text=_(
            "Không dùng một chữ số lặp lại, dãy số liên tiếp hay số của hộ: đó là những mã "
            "người khác thử đầu tiên."
        ),
        max_length=PIN_MAX,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "new-password"}),
    )
    again = forms.CharField(
        label=_("Nhập lại mã PIN"),
        max_length=PIN_MAX,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, str]:
        data = super().clean() or {}
        if data.get("pin") != data.get("again"):
            raise forms.ValidationError(_("Hai lần nhập mã PIN không giống nhau."))
        return data
