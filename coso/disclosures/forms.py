from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coso import rules
from coso.disclosures import catalogues
from coso.units.models import Unit


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


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value: Any) -> str | None:
        return value.isoformat() if hasattr(value, "isoformat") else value


def _channel_choices() -> list[tuple[str, str]]:
    return [(c["key"], c["label"]) for c in rules.value("disclosure.channels")]


class AmendForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    body = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    channels = forms.MultipleChoiceField(
        label=_("Hình thức công khai"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    documents = MultipleFileField(label=_("Tài liệu đính kèm (PDF, ảnh, Word, Excel)"))
    evidence = MultipleFileField(label=_("Ảnh chụp bảng tin đã niêm yết"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["channels"]).choices = _channel_choices()


class PublishForm(AmendForm):
    category = forms.ChoiceField(label=_("Nội dung phải công khai"), choices=())
    decided_on = forms.DateField(
        label=_("Ngày ban hành quyết định, văn bản"), required=False, widget=DateInput
    )
    posted_on = forms.DateField(
        label=_("Ngày công khai"), initial=timezone.localdate, widget=DateInput
    )
    field_order = [
        "category",
        "title",
        "body",
        "channels",
        "decided_on",
        "posted_on",
        "documents",
        "evidence",
    ]

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", "—")] + [
            (i["key"], f"{i['key']}. {i['label']}") for i in catalogues.items(unit)
        ]


class TakeDownForm(forms.Form):
    taken_down_on = forms.DateField(
        label=_("Ngày gỡ"), initial=timezone.localdate, widget=DateInput
    )
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi gỡ trước thời hạn)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), widget=DateInput)
    end = forms.DateField(label=_("Đến ngày"), widget=DateInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        return data
