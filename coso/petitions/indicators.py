"""What petitions and citizen-reception days count as, for the steering committees'
figures (coso.core.indicators). Petitions are kept at the unit that handles them
(a commune, an agency, or the province itself)."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso import rules
from coso.core.counting import count_per_unit, stock_day, worklist_drill
from coso.core.indicators import LAST, Indicator, Ratio, Source, StrOrPromise, register
from coso.petitions.models import Kind, Petition, ReceptionSession, Status
from coso.petitions.reception import FREQUENCY_RULES
from coso.petitions.selectors import open_at, overdue_at
from coso.rules import services as rules_services
from coso.units.selectors import Unit, existed_between

BASIS = "Kết luận 120-KL/TW: tiếp công dân, giải quyết khiếu nại, tố cáo, phản ánh, kiến nghị"
PETITIONS = "đơn"
RECEPTION_BASIS = _("Luật Tiếp công dân, điều 12 khoản 5, điều 15 khoản 2 điểm d")


def _flows(start: dt.date, end: dt.date) -> dict[str, Q]:
    received = Q(received_on__range=(start, end))
    closed = Q(closed_on__range=(start, end))
    flows = {
        "petitions.received": received,
        "petitions.accepted": Q(accepted_on__range=(start, end)),
        "petitions.refused": closed & Q(status=Status.REFUSED),
        "petitions.resolved": closed & Q(status=Status.RESOLVED),
        "petitions.resolved_on_time": closed & Q(status=Status.RESOLVED, on_time=True),
    }
    for kind in Kind.values:
        flows[f"petitions.received.{kind}"] = received & Q(kind=kind)
    return flows


def compute_petitions(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Every petition indicator for each unit, in one aggregate query. Stocks (open,
    overdue) are read at the period's end, or today for the period under way."""
    as_of = stock_day(end)
    conditions = {
        **_flows(start, end),
        "petitions.open": open_at(as_of),
        "petitions.overdue": overdue_at(as_of),
    }
    touching = Q(received_on__range=(start, end)) | Q(accepted_on__range=(start, end))
    touching |= Q(closed_on__range=(start, end)) | open_at(as_of)
    return count_per_unit(Petition.objects.filter(touching), conditions, unit_ids=unit_ids)


def required_periods(per: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """The first days of the rule's weeks (or months) that the period [start, end] must
    each hold a reception day in, begun by today: weeks clipped to the period and with
    a working day in it (as the unit's reception page checks them), or months."""
    limit = stock_day(end)
    found: list[dt.date] = []
    if per == "month":
        month = dt.date(start.year, start.month, 1)
        while month <= limit:
            found += [month] if month >= start else []
            month = (month + dt.timedelta(days=32)).replace(day=1)
        return found
    working = rules.working_days_in(start, end)
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= limit:
        first, last = max(monday, start), min(monday + dt.timedelta(days=6), end)
        days = (first + dt.timedelta(days=i) for i in range((last - first).days + 1))
        if first <= limit and any(day in working for day in days):
            found.append(first)
        monday += dt.timedelta(days=7)
    return found


def compute_reception(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Reception days held; and against the Law on Citizen Reception's minimum (the
    rulebook's frequency for communes and for provinces), the weeks or months that had
    to hold enough and those that did. A period straddling a change of the law is judged
    part by part, each by the version in force on its days (a week until 30/6/2026, a
    month from 1/7/2026 for communes)."""
    sessions = ReceptionSession.objects.filter(date__range=(start, end))
    if unit_ids is not None:
        sessions = sessions.filter(unit_id__in=unit_ids)
    found = count_per_unit(sessions, {"reception.sessions": Q()}, unit_ids=None)  # limited above
    for kind, code in FREQUENCY_RULES.items():
        parts = rules_services.versions_between(code, start, end)
        if not parts:  # a period before the law
            continue
        owing = Unit.objects.filter(existed_between(start, end), kind=kind)
        if unit_ids is not None:
            owing = owing.filter(pk__in=unit_ids)
        owing_ids = list(owing.values_list("pk", flat=True))
        for first, last, frequency in parts:
            _count_part(found, owing_ids, sessions.filter(unit__kind=kind), first, last, frequency)
    return found


def _count_part(
    found: dict[int, dict[str, int]],
    owing_ids: list[int],
    sessions: Any,
    first: dt.date,
    last: dt.date,
    frequency: dict[str, Any],
) -> None:
    """The weeks (months) of [first, last] that had to hold `times` reception days, and
    for each unit those that held as many different days."""
    per, times = frequency["per"], frequency["times"]
    required = required_periods(per, first, last)
    for unit_id in owing_ids:
        counts = found.setdefault(unit_id, {})
        counts["reception.periods_required"] = counts.get("reception.periods_required", 0) + len(
            required
        )
    wanted = set(required)
    bucket = TruncWeek("date") if per == "week" else TruncMonth("date")
    grouped = (
        sessions.filter(date__range=(first, last))
        .values("unit_id", at=bucket)
        .annotate(n=Count("date", distinct=True))
        .filter(n__gte=times)
    )
    for r in grouped:  # one row per unit and week (month) held, at most
        if max(_day(r["at"]), first) in wanted:
            held = found.setdefault(r["unit_id"], {})
            held["reception.periods_held"] = held.get("reception.periods_held", 0) + 1


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _petition(code: str, label: StrOrPromise, definition: StrOrPromise, **kw: Any) -> Indicator:
    return Indicator(
        code=code,
        label=label,
        definition=definition,
        measure=PETITIONS,
        counts="petitions",
        basis=BASIS,
        **kw,
    )


register(
    Source(
        name="petitions",
        indicators=(
            _petition("petitions.received", _("Đơn nhận được"), _("Đơn có ngày nhận trong kỳ.")),
            *(
                _petition(
                    f"petitions.received.{kind}",
                    format_lazy(_("Đơn nhận được: {kind}"), kind=label),
                    format_lazy(_("Đơn loại “{kind}” có ngày nhận trong kỳ."), kind=label),
                )
                for kind, label in Kind.choices
            ),
            _petition("petitions.accepted", _("Đơn đã thụ lý"), _("Đơn có ngày thụ lý trong kỳ.")),
            _petition(
                "petitions.refused",
                _("Đơn không thụ lý"),
                _("Đơn kết thúc trong kỳ vì không thụ lý."),
            ),
            _petition(
                "petitions.resolved", _("Đơn đã giải quyết"), _("Đơn giải quyết xong trong kỳ.")
            ),
            _petition(
                "petitions.resolved_on_time",
                _("Đơn giải quyết đúng hạn"),
                _("Đơn giải quyết xong trong kỳ, không muộn hơn hạn giải quyết."),
            ),
            _petition(
                "petitions.open",
                _("Đơn đang giải quyết (cuối kỳ)"),
                _(
                    "Đơn đã nhận mà chưa kết thúc vào ngày cuối kỳ (hoặc hôm nay, với kỳ đang diễn ra)."
                ),
                over_time=LAST,
            ),
            _petition(
                "petitions.overdue",
                _("Đơn quá hạn (cuối kỳ)"),
                _("Đơn chưa kết thúc mà đã quá hạn thụ lý hoặc hạn giải quyết vào ngày cuối kỳ."),
                over_time=LAST,
            ),
        ),
        compute=compute_petitions,
        # Open and overdue petitions are listed on the unit's work list.
        drill=worklist_drill(
            "petitions:worklist", {"petitions.overdue": "overdue", "petitions.open": ""}
        ),
        ratios=(
            Ratio(
                "petitions.on_time_share",
                _("Tỷ lệ đơn giải quyết đúng hạn"),
                "petitions.resolved_on_time",
                "petitions.resolved",
                BASIS,
            ),
        ),
    )
)

register(
    Source(
        name="reception",
        indicators=(
            Indicator(
                "reception.sessions",
                _("Buổi tiếp công dân"),
                _("Buổi tiếp công dân định kỳ của lãnh đạo đơn vị có ngày trong kỳ."),
                _("buổi"),
                "reception sessions",
                _("Luật Tiếp công dân, điều 12, 15"),
            ),
            Indicator(
                "reception.periods_required",
                _("Tuần (tháng) phải tiếp công dân"),
                _(
                    "Các tuần hoặc tháng đã bắt đầu của kỳ phải có ngày tiếp công dân theo mức "
                    "tối thiểu trong sổ quy định, mỗi ngày theo phiên bản có hiệu lực ngày đó "
                    "(xã, phường: theo tuần hoặc theo tháng tùy phiên bản; tỉnh: theo tháng); "
                    "tuần không có ngày làm việc không tính."
                ),
                _("tuần, tháng"),
                "reception sessions",
                RECEPTION_BASIS,
            ),
            Indicator(
                "reception.periods_held",
                _("Tuần (tháng) có tiếp công dân đủ mức"),
                _(
                    "Trong các tuần (tháng) phải tiếp công dân, những tuần (tháng) đã tiếp đủ số "
                    "ngày khác nhau theo quy định."
                ),
                _("tuần, tháng"),
                "reception sessions",
                RECEPTION_BASIS,
            ),
        ),
        ratios=(
            Ratio(
                "reception.held_share",
                _("Tỷ lệ tuần (tháng) tiếp công dân đúng quy định"),
                "reception.periods_held",
                "reception.periods_required",
                RECEPTION_BASIS,
            ),
        ),
        compute=compute_reception,
    )
)
