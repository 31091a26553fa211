from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coso import rules
from coso.core.forms import BoundedDateField, LongTextField, MultipleFileField
from coso.disclosures import catalogues
from coso.units.selectors import Unit, UnitKind


def _channel_choices() -> list[tuple[str, str]]:
    return [(c["key"], c["label"]) for c in rules.value("disclosure.channels")]


class AmendForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    body = LongTextField(label=_("Nội dung"), rows=6, required=False)
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
    decided_on = BoundedDateField(label=_("Ngày ban hành quyết định, văn bản"), required=False)
    posted_on = BoundedDateField(label=_("Ngày công khai"), initial=timezone.localdate)
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
        cast(BoundedDateField, self.fields["posted_on"]).earliest = lambda: catalogues.first_day(
            unit
        )


class TakeDownForm(forms.Form):
    taken_down_on = BoundedDateField(label=_("Ngày gỡ"), initial=timezone.localdate)
    reason = LongTextField(
        label=_("Lý do (bắt buộc khi gỡ trước thời hạn)"), required=False, rows=3
    )


class PeriodForm(forms.Form):
    """A period to measure disclosures in: from the day the unit's catalogue came into
    force (nothing to measure before it) up to today."""

    start = BoundedDateField(label=_("Từ ngày"))
    end = BoundedDateField(label=_("Đến ngày"))

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measured = Unit(kind=UnitKind.COMMUNE) if unit.kind == UnitKind.PROVINCE else unit
        for name in ("start", "end"):
            cast(BoundedDateField, self.fields[name]).earliest = lambda: catalogues.first_day(
                measured
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        return data
