from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coso import rules
from coso.consultations.models import Outcome
from coso.core.forms import BoundedDateField, LongTextField


def _choices(code: str) -> list[tuple[str, str]]:
    return [(item["key"], item["label"]) for item in rules.value(code)]


def _set_choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class DraftForm(forms.Form):
    category = forms.ChoiceField(label=_("Nội dung lấy ý kiến (theo danh mục của luật)"))
    title = forms.CharField(label=_("Tên dự thảo"), max_length=255)
    summary = LongTextField(label=_("Giới thiệu"), rows=2, required=False)
    clauses = forms.CharField(
        label=_("Các điều, khoản (cách nhau bằng một dòng trống)"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=100_000,
    )
    methods = forms.MultipleChoiceField(
        label=_("Hình thức lấy ý kiến"), widget=forms.CheckboxSelectMultiple
    )
    closes_on = BoundedDateField(label=_("Hạn lấy ý kiến"), future=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "category", _choices("consultation.catalogue"))
        _set_choices(self, "methods", _choices("consultation.forms"))

    def clause_texts(self) -> list[str]:
        text = self.cleaned_data["clauses"].replace("\r\n", "\n")
        return [part.strip() for part in text.split("\n\n") if part.strip()]


class CommentForm(forms.Form):
    clause = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = LongTextField(label=_("Ý kiến của hộ"), rows=2)


class RecordForm(forms.Form):
    clause = forms.TypedChoiceField(
        label=_("Điều, khoản"), coerce=int, required=False, empty_value=None
    )
    source = forms.ChoiceField(label=_("Nguồn"))
    contributor = forms.CharField(
        label=_("Người, tổ chức góp ý (nếu có)"), max_length=150, required=False
    )
    received_on = BoundedDateField(label=_("Ngày nhận"), required=False)
    text = LongTextField(label=_("Ý kiến"), rows=2)

    def __init__(self, *args: Any, consultation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(_choices("consultation.forms"))
        _set_choices(self, "source", [(k, labels.get(k, k)) for k in consultation.forms])
        clauses = [(c.pk, f"{c.number}. {c.text[:60]}") for c in consultation.clauses.all()]
        _set_choices(self, "clause", [("", _("Chung cho cả dự thảo")), *clauses])


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=Outcome.choices)
    explanation = LongTextField(label=_("Giải trình"), rows=2, required=False)


class ResultForm(forms.Form):
    synthesis = LongTextField(label=_("Báo cáo tổng hợp, giải trình"), rows=5)
