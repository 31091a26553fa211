from functools import partial
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coso.accounts.selectors import User
from coso.concerns import selectors as concerns
from coso.core.forms import BoundedDateField, LongTextField
from coso.core.permissions import roles_for
from coso.dialogues.models import Group, Kind
from coso.units.selectors import Unit

MAX_PEOPLE = 1_000_000


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"))
    date = BoundedDateField(label=_("Ngày"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    chair = forms.CharField(label=_("Người chủ trì (họ tên, chức vụ)"), max_length=200)
    led_by = forms.CharField(
        label=_("Đoàn, đại biểu"),
        max_length=300,
        required=False,
        help_text=_("Đại biểu tiếp xúc cử tri; cơ quan đến làm việc."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Chủ đề"),
        choices=partial(concerns.choices, level=1),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    summary = LongTextField(label=_("Nội dung chính, báo cáo trình bày"), required=False, rows=3)

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(k, Kind(k).label) for k in kinds]
        for group, label in Group.choices:
            self.fields[f"people_{group}"] = forms.IntegerField(
                label=label, min_value=0, max_value=MAX_PEOPLE, required=False
            )

    def people(self) -> dict[str, int]:
        return {g: self.cleaned_data.get(f"people_{g}") or 0 for g in Group.values}


def _owners(unit: Unit) -> Any:
    """Accounts that may answer for `unit`'s follow-ups (its officials)."""
    return (
        User.objects.filter(
            roles__unit=unit, roles__role__in=roles_for("followups.write"), is_active=True
        )
        .distinct()
        .order_by("username")
    )


class PromiseFields(forms.Form):
    """Who answers for a promise and by when."""

    owner_name = forms.CharField(
        label=_("Người chịu trách nhiệm (họ tên, chức vụ)"), max_length=200, required=False
    )
    owner = forms.ModelChoiceField(
        label=_("Tài khoản nhận nhắc việc"), queryset=User.objects.none(), required=False
    )
    due_on = BoundedDateField(label=_("Hạn thực hiện"), future=True, required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = _owners(unit)


class ItemForm(PromiseFields):
    text = LongTextField(label=_("Câu hỏi, ý kiến"), rows=2)
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=concerns.choices, initial=concerns.OTHER)
    asker_name = forms.CharField(
        label=_("Người nêu (nếu muốn ghi)"), max_length=150, required=False
    )
    asker_contact = forms.CharField(
        label=_("Điện thoại hoặc email người nêu"), max_length=150, required=False
    )
    answer = LongTextField(label=_("Trả lời tại hội nghị"), required=False, rows=2)
    forwarded_to = forms.CharField(
        label=_("Chuyển cơ quan có thẩm quyền (mã đơn vị)"), max_length=32, required=False
    )
    commitment = LongTextField(
        label=_("Cam kết phải theo dõi (để trống nếu không có)"), required=False, rows=2
    )

    field_order = ["text", "topic", "asker_name", "asker_contact", "answer", "forwarded_to"]


class ConclusionForm(PromiseFields):
    text = LongTextField(label=_("Kết luận"), rows=2)
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=concerns.choices, initial=concerns.OTHER)
    asks = forms.BooleanField(
        label=_("Kết luận yêu cầu đơn vị thực hiện (theo dõi đến khi xong)"), required=False
    )

    field_order = ["text", "topic", "asks"]


class CommitmentForm(PromiseFields):
    text = LongTextField(label=_("Cam kết"), rows=2)
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=concerns.choices, initial=concerns.OTHER)

    field_order = ["text", "topic"]
