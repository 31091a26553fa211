import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coso import rules
from coso.concerns import selectors as concerns
from coso.core.dates import latest_day
from coso.core.forms import BoundedDateField, LongTextField, MultipleFileField
from coso.petitions.models import SIGNERS_MAX, Channel, Kind, ReceptionForm
from coso.units.selectors import Unit, UnitKind, current_units


def petition_rules_first_day() -> dt.date | None:
    """The first day any of the law's petition clocks was in force (the Law on
    Complaints, 1 July 2012): earlier dates are not petitions Coso can time."""
    from coso.petitions.services import CLOCKS

    days = [rules.first_day(accept) for accept, _resolve in CLOCKS.values()]
    return min((d for d in days if d), default=None)


def topic_field(*, required: bool = True) -> forms.ChoiceField:
    """What the petition is about: the catalogue's topics not retired, read when the
    form is built."""
    return forms.ChoiceField(
        label=_("Lĩnh vực"), choices=concerns.choices, initial=concerns.OTHER, required=required
    )


def signers_field(label: Any, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=SIGNERS_MAX,
        initial=1,
        required=False,
        help_text=help_text,
    )


class SubmitForm(forms.Form):
    """The public form: no account needed."""

    kind = forms.ChoiceField(
        label=_("Loại đơn"), choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.FEEDBACK
    )
    complaint_round = forms.TypedChoiceField(
        label=_("Khiếu nại lần"),
        choices=[(1, _("Lần đầu")), (2, _("Lần hai"))],
        coerce=int,
        initial=1,
        required=False,
    )
    province = forms.ChoiceField(
        label=_("Tỉnh, thành phố"),
        choices=(),
        # Choosing the province refills the commune list (coso.js, liveForms); without
        # JavaScript, the form sent with no commune comes back with the province's.
        widget=forms.Select(
            attrs={
                "data-live": "#id_commune",
                "data-live-url": reverse_lazy("petitions:commune_options"),
            }
        ),
    )
    commune = forms.CharField(
        label=_("Xã, phường nơi xảy ra sự việc"), widget=forms.Select(choices=[("", "—")])
    )
    category = topic_field()
    signers = signers_field(
        _("Số người cùng ký đơn"), help_text=_("Đơn có nhiều người cùng ký: ghi số người ký.")
    )
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    description = LongTextField(label=_("Nội dung"), rows=6)
    address = forms.CharField(label=_("Địa điểm cụ thể"), max_length=255, required=False)
    latitude = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    sender_name = forms.CharField(
        label=_("Họ và tên (bắt buộc với đơn tố cáo)"), max_length=150, required=False
    )
    sender_contact = forms.CharField(
        label=_("Điện thoại hoặc email để nhận thông báo (không bắt buộc)"),
        max_length=150,
        required=False,
    )
    attachments = MultipleFileField(label=_("Tệp, ảnh kèm theo"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["province"]).choices = [("", "—")] + [
            (u.code, u.name)
            for u in current_units().filter(kind=UnitKind.PROVINCE).order_by("search_name")
        ]
        province = self.data.get("province") or self.initial.get("province")
        if province:
            self.fields["commune"].widget.choices = [("", "—")] + [
                (u.code, u.name)
                for u in current_units()
                .filter(parent__code=province, kind=UnitKind.COMMUNE)
                .order_by("search_name")
            ]

    def clean_commune(self) -> Unit:
        code = self.cleaned_data["commune"]
        unit = (
            current_units()
            .filter(code=code, kind=UnitKind.COMMUNE, parent__code=self.data.get("province"))
            .first()
        )
        if unit is None:
            raise forms.ValidationError(_("Hãy chọn xã, phường."))
        return unit


class IntakeForm(SubmitForm):
    """An official records a petition received in person, by letter or by phone."""

    channel = forms.ChoiceField(
        label=_("Kênh tiếp nhận"),
        choices=[(c.value, c.label) for c in (Channel.IN_PERSON, Channel.LETTER, Channel.PHONE)],
    )
    received_on = BoundedDateField(
        label=_("Ngày nhận"), required=False, earliest=petition_rules_first_day
    )
    remote_area = forms.BooleanField(label=_("Vùng sâu, vùng xa, đi lại khó khăn"), required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("province", "commune"):
            del self.fields[name]
        self.unit = unit


class NoticesForm(forms.Form):
    """On the tracking page: the sender's choice of how to be told of each step, with
    the tracking code it is for (the service refuses a choice not offered)."""

    code = forms.CharField(max_length=20)
    notices = forms.CharField(label=_("Nhận thông báo"), max_length=8)


class RefuseForm(forms.Form):
    reason = LongTextField(label=_("Lý do không thụ lý (căn cứ pháp luật)"), rows=2)


class AcceptForm(forms.Form):
    complex_case = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    note = forms.CharField(label=_("Ghi chú cho người gửi"), required=False, max_length=500)


class ExtendForm(forms.Form):
    reason = LongTextField(label=_("Lý do gia hạn"), rows=2)
    very_complex = forms.BooleanField(label=_("Vụ việc đặc biệt phức tạp (tố cáo)"), required=False)


class ResolveForm(forms.Form):
    resolution = LongTextField(label=_("Kết quả giải quyết"), rows=3)


class SuspendForm(forms.Form):
    """The decision suspending a complaint's resolution (LC art. 11a; D124 art. 28b)."""

    decision_number = forms.CharField(label=_("Số quyết định tạm đình chỉ"), max_length=60)
    decided_on = BoundedDateField(label=_("Ngày quyết định"))
    reason = LongTextField(label=_("Lý do (sự kiện bất khả kháng, trở ngại khách quan…)"), rows=2)


class ResumeForm(forms.Form):
    """The decision to continue: the resolution period runs again from its date."""

    resumed_on = BoundedDateField(label=_("Ngày quyết định tiếp tục giải quyết"))
    decision_number = forms.CharField(
        label=_("Số quyết định tiếp tục"), max_length=60, required=False
    )


class TransferForm(forms.Form):
    to_unit = forms.CharField(label=_("Mã đơn vị có thẩm quyền"), max_length=32)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class YearForm(forms.Form):
    """The year of a roll-up: from the first year of the petition rules to this year."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first = petition_rules_first_day()
        self.fields["year"] = forms.IntegerField(
            label=_("Năm"),
            min_value=first.year if first else None,
            max_value=latest_day(future=False).year,
        )


def _reception_first_day(unit: Unit) -> dt.date | None:
    from coso.petitions.reception import FREQUENCY_RULES

    code = FREQUENCY_RULES.get(unit.kind)  # type: ignore[call-overload]
    return rules.first_day(code) if code else None


# How many years back the reception schedule's month picker offers (Coso's policy, as
# for the dashboards' period picker: a schedule is looked back on a few years at most;
# an older month can still be asked for by its address, ?month=2019-03).
PICKER_YEARS = 5


def _month_label(month: dt.date) -> str:
    return gettext("Tháng %(m)s/%(y)s") % {"m": month.month, "y": month.year}


def _months_after(month: dt.date, count: int) -> dt.date:
    """The first day of the month `count` months after `month` (before, if negative)."""
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass
class MonthPicker:
    """The months offered by name ("Tháng 11/2026"), grouped by year, newest first; the
    one shown (as its address writes it, 2026-11) and the months either side of it."""

    shown: str
    groups: list[tuple[int, list[tuple[str, str]]]]
    previous: tuple[str, str] | None
    next: tuple[str, str] | None


class MonthForm(forms.Form):
    """Which month of reception days to show: within the law's range, up to a margin
    ahead (sessions are planned). Chosen from a list of named months; the address
    keeps the month as 2026-11, so older links still open."""

    month = forms.CharField(label=_("Tháng"))

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit

    @cached_property
    def lawful(self) -> dt.date:
        """The first month a rule on reception was in force at this unit's level."""
        first = _reception_first_day(self.unit)
        return first.replace(day=1) if first else dt.date.min

    def clean_month(self) -> dt.date:
        try:
            month = dt.date.fromisoformat(self.cleaned_data["month"] + "-01")
        except ValueError as error:
            raise forms.ValidationError(_("Hãy chọn một tháng trong danh sách.")) from error
        if month < self.lawful:
            raise forms.ValidationError(
                _("Tháng phải từ %(m)s trở đi: trước đó chưa có quy định về tiếp công dân.")
                % {"m": f"{self.lawful.month:02d}/{self.lawful.year}"}
            )
        if month > latest_day(future=True):
            raise forms.ValidationError(_("Tháng quá xa trong tương lai."))
        return month

    def picker(self, shown: dt.date) -> MonthPicker:
        """The months to choose from: this year and the PICKER_YEARS - 1 before it, to
        the latest month a session may be planned in, none before the law on reception,
        and `shown` wherever it lies."""
        last = latest_day(future=True).replace(day=1)
        oldest = timezone.localdate().year - PICKER_YEARS + 1
        first = max(dt.date(oldest, 1, 1), self.lawful)
        months, month = [], last
        while month >= first:
            months.append(month)
            month = _months_after(month, -1)
        if shown not in months:
            months = sorted([*months, shown], reverse=True)
        groups: dict[int, list[tuple[str, str]]] = {}
        for month in months:
            groups.setdefault(month.year, []).append((f"{month:%Y-%m}", _month_label(month)))
        before, after = _months_after(shown, -1), _months_after(shown, 1)
        return MonthPicker(
            shown=f"{shown:%Y-%m}",
            groups=list(groups.items()),
            previous=(f"{before:%Y-%m}", _month_label(before)) if before >= self.lawful else None,
            next=(f"{after:%Y-%m}", _month_label(after)) if after <= last else None,
        )


class SessionForm(forms.Form):
    date = BoundedDateField(label=_("Ngày tiếp"), future=True)
    leader = forms.CharField(label=_("Người tiếp (lãnh đạo)"), max_length=150)
    leader_title = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    form = forms.ChoiceField(
        label=_("Hình thức"), choices=ReceptionForm.choices, initial=ReceptionForm.IN_PERSON
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(BoundedDateField, self.fields["date"]).earliest = lambda: _reception_first_day(unit)


class VisitForm(forms.Form):
    visitor = forms.CharField(label=_("Người đến"), max_length=150)
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Kind.choices)
    subject = forms.CharField(label=_("Nội dung chính"), max_length=200)
    description = LongTextField(label=_("Trình bày"), rows=3)
    contact = forms.CharField(label=_("Điện thoại hoặc email"), max_length=150, required=False)
    category = topic_field(required=False)
    signers = signers_field(_("Số người cùng đến, cùng ký đơn"))
