from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coso.core.forms import BoundedDateField, LongTextField
from coso.surveys.models import Plan, Questionnaire
from coso.surveys.questions import Question, questions_of


class SurveyForm(forms.Form):
    questionnaire = forms.ModelChoiceField(
        label=_("Bảng hỏi"), queryset=Questionnaire.objects.all(), empty_label=None
    )
    title = forms.CharField(label=_("Tên cuộc khảo sát"), max_length=255)
    period = forms.CharField(label=_("Kỳ khảo sát (ví dụ: năm 2026)"), max_length=40)
    opens_on = BoundedDateField(label=_("Ngày bắt đầu"), future=True)
    closes_on = BoundedDateField(label=_("Ngày kết thúc"), future=True)
    plan = forms.ChoiceField(label=_("Cách chọn hộ"), choices=Plan.choices)
    per_village = forms.IntegerField(
        label=_("Số hộ chọn ngẫu nhiên mỗi thôn (khi chọn mẫu)"),
        min_value=1,
        max_value=10_000,
        required=False,
    )


class DrawForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Hạt giống (để trống: Coso chọn ngẫu nhiên và ghi lại)"),
        min_value=0,
        max_value=2**62,
        required=False,
    )


def condition_note(question: Question, numbers: dict[str, int]) -> str:
    """ "Answer only if…" for a question asked on a condition (no script needed)."""
    if not question.condition:
        return ""
    key = question.condition["key"]
    return str(_("Chỉ trả lời nếu câu %(n)s chọn “Có”.")) % {"n": numbers.get(key, "?")}


class AnswerForm(forms.Form):
    """One field per question, all optional (a household may skip one); a question
    asked on a condition says so, and its answer is ignored when the condition fails."""

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions_of(questionnaire)
        numbers = {q.key: n for n, q in enumerate(self.questions, start=1)}
        for n, q in enumerate(self.questions, start=1):
            label = f"{n}. {q.text}"
            help_text = condition_note(q, numbers)
            if q.kind == "text":
                self.fields[q.key] = LongTextField(label=label, rows=3, required=False)
            else:
                self.fields[q.key] = forms.ChoiceField(
                    label=label,
                    choices=q.options(),
                    widget=forms.RadioSelect,
                    required=False,
                    help_text=help_text,
                )


class KeyInForm(AnswerForm):
    household = forms.CharField(label=_("Mã hộ ghi trên phiếu"), max_length=32)
