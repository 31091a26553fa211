"""What every app's forms share: showing a service's DomainError on the form, dates
kept within the range the law covers, times of day on a 24-hour clock, long text within
its limit, several files in one input."""

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.text import whole

# What the date box lets through: day/month/year (with "/", "-" or "." as phones' digit
# keyboards offer), or the ISO form; the form then reads it (DATE_INPUT_FORMATS).
DATE_PATTERN = r"\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2}"
date_hint = _("Ngày/tháng/năm, ví dụ 02/09/2026")

# What the time box lets through: hours and minutes on a 24-hour clock, parted by ":",
# "h" or "g" as Vietnamese write it (7h30, 7g30), or "." as a phone's digit keyboard
# offers; "7h" alone is seven o'clock; four digits (0730) when the keyboard has no
# separator at all. Seconds are allowed for scripts (19:05:00).
TIME_PATTERN = r"\d{1,2}([:hHgG.]\d{2}(:\d{2})?|[hHgG])|\d{4}"
_TIME = re.compile(r"^(\d{1,2})(?:[:hg.](\d{2})(?::(\d{2}))?|h|g)$|^(\d{2})(\d{2})$")
time_hint = _("Giờ:phút, ví dụ 07:30")


def add_domain_error(
    form: forms.Form, error: DomainError, *, aliases: dict[str, str] | None = None
) -> None:
    """Attach the error to the field it names (through `aliases` where the form calls
    the input otherwise), or to the whole form when the form has no such field."""
    field = (aliases or {}).get(error.field or "", error.field)
    form.add_error(field if field in form.fields else None, error.message)


class DateInput(forms.DateInput):
    """A day written day/month/year whatever the browser's language: a browser's own
    date box follows the browser's locale (mm/dd/yyyy on a phone set to English), so
    this is a text box showing dd/mm/yyyy, with the digits keyboard and the shape
    checked by the browser; the form reads it by DATE_INPUT_FORMATS (coso/config/formats),
    which also take the ISO form scripts and the API send."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        shown = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "pattern": DATE_PATTERN,
            "title": date_hint,
            "autocomplete": "off",
            "size": 10,
        }
        super().__init__({**shown, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        return vn_date(value) if isinstance(value, dt.date) else value


class TimeInput(forms.TimeInput):
    """A time of day written on a 24-hour clock whatever the browser's language: a
    browser's own time box follows the browser's locale (hours with AM/PM on a phone
    set to English), so this is a text box showing HH:MM, read by ClockTimeField."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        shown = {
            "placeholder": _("giờ:phút"),
            "inputmode": "numeric",
            "pattern": TIME_PATTERN,
            "title": time_hint,
            "autocomplete": "off",
            "size": 10,
        }
        super().__init__({**shown, **(attrs or {})}, format="%H:%M")


class ClockTimeField(forms.TimeField):
    """A time of day typed as people write it, on a 24-hour clock: 7:30, 07:30, 7h30,
    7g30, 7h, 19:05, 0730; anything else (7:30 PM, 25:00, 7:75) is refused."""

    widget = TimeInput
    default_error_messages = {
        "invalid": _("Nhập giờ theo dạng giờ:phút trên đồng hồ 24 giờ, ví dụ 07:30 hoặc 19:05.")
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", time_hint)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> dt.time | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.time):
            return value
        found = _TIME.match(str(value).strip().lower())
        if found:
            hour, minute, second, hh, mm = found.groups()
            try:
                return dt.time(int(hour or hh), int(minute or mm or 0), int(second or 0))
            except ValueError:
                pass
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


def typed_date(text: str | None) -> dt.date | None:
    """A day typed in a date box of a hand-written form, read as a DateField reads it
    (dd/mm/yyyy or ISO), or None if it is empty or is no date."""
    try:
        return forms.DateField(required=False).clean(text or "")
    except forms.ValidationError:
        return None


class BoundedDateField(forms.DateField):
    """A date from the first day the governing rule was in force (`earliest`, read
    when the form is checked) to today, or a margin ahead when `future` is allowed."""

    widget = DateInput

    def __init__(
        self,
        *args: Any,
        earliest: Callable[[], dt.date | None] | None = None,
        future: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.earliest, self.future = earliest, future

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        first = self.earliest() if self.earliest else None
        if first is not None and value < first:
            raise forms.ValidationError(
                _("Ngày phải từ %(day)s trở đi: trước đó chưa có quy định pháp luật áp dụng."),
                code="too_early",
                params={"day": vn_date(first)},
            )
        last = latest_day(future=self.future)
        if value > last:
            raise forms.ValidationError(
                _("Ngày không được sau %(day)s."), code="too_late", params={"day": vn_date(last)}
            )


def _text_limit_help() -> str:
    return gettext("Tối đa %(n)s ký tự.") % {"n": whole(settings.COSO_TEXT_MAX_CHARS)}


text_limit_help = lazy(_text_limit_help, str)


class LongTextField(forms.CharField):
    """Free text up to `COSO_TEXT_MAX_CHARS`, the limit shown under the box and set on
    it, so a browser stops typing there and a script is refused by the form."""

    def __init__(self, *args: Any, rows: int = 4, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", settings.COSO_TEXT_MAX_CHARS)
        kwargs.setdefault("help_text", text_limit_help())
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(*args, **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service, not here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class FormRenderer(DjangoTemplates):
    """Django's renderer, but a form shown as `{{ form }}` or `as_div` opens with a
    summary of its errors that takes the focus after a failed submit (role=alert,
    autofocus; WCAG 2.1 3.3.1), each linked to its field."""

    def get_template(self, template_name: str) -> Any:
        if template_name in ("django/forms/div.html", "django/forms/default.html"):
            return super().get_template("coso/forms/div.html")
        return super().get_template(template_name)
