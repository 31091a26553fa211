from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from coso.core.forms import ClockTimeField, LongTextField
from coso.decisions import catalogue
from coso.decisions.models import Board, Matter, MatterKind, Method
from coso.units.selectors import Unit


class MatterForm(forms.Form):
    matter_type = forms.ChoiceField(label=_("Loại nội dung"), choices=())
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    proposal = LongTextField(label=_("Nội dung đề xuất"), required=False)
    method = forms.ChoiceField(label=_("Hình thức"), choices=Method.choices, initial=Method.MEETING)
    secret = forms.BooleanField(label=_("Bỏ phiếu kín"), required=False)
    candidates = LongTextField(
        label=_("Người ứng cử (mỗi dòng một người; chỉ cho bầu cử)"), required=False, rows=3
    )
    seats = forms.IntegerField(label=_("Số người cần bầu"), min_value=1, max_value=100, initial=1)
    board = forms.ChoiceField(
        label=_("Bầu thành viên của ban nào (chỉ cho mục 5)"),
        choices=[("", "—"), *Board.choices],
        required=False,
    )
    staff_count = forms.IntegerField(
        label=_("Tổng số người (chỉ cho hội nghị cơ quan)"),
        min_value=1,
        max_value=1_000_000,
        required=False,
    )
    counting_board = LongTextField(
        label=_(
            "Tổ kiểm phiếu: 3 đến 5 thành viên, mỗi dòng một người (khi bỏ phiếu kín hoặc "
            "bầu cử; mỗi người giữ một mảnh khoá để kiểm phiếu)"
        ),
        required=False,
        rows=5,
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["matter_type"]).choices = [
            (key, f"{key}. {label}" if key.isdigit() else label)
            for key, label in catalogue.matter_types(unit.kind)
        ]


class CountsForm(forms.Form):
    """One number per option, plus the number present for a staff conference."""

    cluster = forms.CharField(label=_("Cụm (nếu họp theo cụm)"), required=False, max_length=60)

    def __init__(self, *args: Any, matter: Matter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if matter.electorate == "voters":
            self.fields["present"] = forms.IntegerField(label=_("Số người có mặt"), min_value=0)
        for option in matter.options.all():
            self.fields[f"count_{option.key}"] = forms.IntegerField(
                label=option.label,
                min_value=0,
                initial=0,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        if matter.villages:
            self.fields["cluster"] = forms.ChoiceField(
                label=_("Thôn, tổ dân phố"),
                choices=[(v["code"], v["name"]) for v in matter.villages],
            )
        elif not matter.clustered:
            del self.fields["cluster"]

    def counts(self) -> dict[str, int]:
        return {
            name.removeprefix("count_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("count_")
        }


class CorrectionForm(CountsForm):
    reason = LongTextField(label=_("Lý do đính chính"), rows=2)


class KeyInForm(forms.Form):
    form_number = forms.IntegerField(
        label=_("Số phiếu"),
        min_value=1,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    choice = forms.MultipleChoiceField(
        label=_("Lựa chọn (để trống nếu phiếu không hợp lệ)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=(),
    )

    def __init__(self, *args: Any, matter: Matter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["choice"]).choices = [
            (o.key, o.label) for o in matter.options.all()
        ]


class StubsForm(forms.Form):
    """The stubs collected at an encrypted round's ballot box: their codes, one a line
    (typed or scanned from the stub's QR code). No choice: a stub carries none."""

    part = forms.CharField(widget=forms.HiddenInput, initial="stubs")
    codes = forms.CharField(
        label=_("Mã trên cuống phiếu (mỗi dòng một mã)"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4, "autocapitalize": "characters"}),
    )

    def code_list(self) -> list[str]:
        # Every line, blank ones too: an error names a line by its number in the box.
        return self.cleaned_data["codes"].splitlines()


class PaperBallotsForm(forms.Form):
    """A secret round's paper ballots, which carry no code: how many chose each option
    (and, electing several people, how many valid ballots carried those marks) and how
    many are blank or invalid, from one ballot box (its village in a round counted
    village by village). One ballot at a time is a count of 1."""

    part = forms.CharField(widget=forms.HiddenInput, initial="ballots")
    spoiled = forms.IntegerField(
        label=_("Phiếu không hợp lệ hoặc để trống"), min_value=0, max_value=100_000, initial=0
    )

    def __init__(self, *args: Any, matter: Matter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clusters = [v for v in matter.villages if not v.get("carried")]
        if clusters:
            self.fields["cluster"] = forms.ChoiceField(
                label=_("Hòm phiếu của thôn, tổ dân phố"),
                choices=[(v["code"], v["name"]) for v in clusters],
            )
        self.keys = [o.key for o in matter.options.all()]
        for o in matter.options.all():
            self.fields[f"count_{o.key}"] = forms.IntegerField(
                label=o.label,
                min_value=0,
                max_value=100_000,
                initial=0,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        if matter.kind == MatterKind.ELECTION and matter.seats > 1:
            self.fields["valid"] = forms.IntegerField(
                label=_("Số phiếu hợp lệ (mỗi phiếu bầu từ 1 đến %(n)s người)")
                % {"n": matter.seats},
                min_value=0,
                max_value=100_000,
            )
        self.order_fields(
            ["part", "cluster", "valid", *[f"count_{k}" for k in self.keys], "spoiled"]
        )

    def counts(self) -> dict[str, int]:
        return {k: self.cleaned_data[f"count_{k}"] for k in self.keys}


class PublishForm(forms.Form):
    """The meeting's record for its minutes: when it began, where, who chaired it and
    who kept the minutes (a ballot round has no time or venue of its own)."""

    starts_at = ClockTimeField(label=_("Giờ bắt đầu họp"), required=False)
    venue = forms.CharField(label=_("Địa điểm họp"), max_length=200, required=False)
    chair = forms.CharField(label=_("Người chủ trì"), max_length=150)
    secretary = forms.CharField(label=_("Thư ký"), max_length=150)

    def __init__(self, *args: Any, meeting: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not meeting:
            del self.fields["starts_at"], self.fields["venue"]


class VoidForm(forms.Form):
    reason = LongTextField(label=_("Lý do hủy"), rows=2)


class VoteForm(forms.Form):
    code = forms.CharField(
        label=_("Mã trên phiếu của hộ"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )


class SharesForm(forms.Form):
    """The shares the counting board's members present bring: one field per member
    (the text under their QR code, or their file's content)."""

    def __init__(self, *args: Any, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for member in members:
            self.fields[f"share_{member.index}"] = forms.CharField(
                label=member.name,
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            )

    def shares(self) -> list[str]:
        return [v for k, v in self.cleaned_data.items() if k.startswith("share_") and v.strip()]


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("Biên nhận phiếu của hộ"), max_length=100)
