"""Citizen-reception days: the schedule, its check against the law's minimum frequency
(LR arts. 12(5), 15(2)(d)), and the record of who came and what they raised."""

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit, indicators
from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.limits import checked_texts
from coso.petitions import services
from coso.petitions.models import ReceptionSession
from coso.rules.services import RuleMissing
from coso.units.selectors import Unit, UnitKind

FREQUENCY_RULES = {
    UnitKind.COMMUNE: "reception.commune.frequency",
    UnitKind.PROVINCE: "reception.province.frequency",
}


def session_create(
    *,
    actor: Any,
    unit: Unit,
    date: dt.date,
    leader: str,
    leader_title: str = "",
    place: str = "",
    form: str = "in_person",
) -> ReceptionSession:
    services.check_handler(actor, unit)
    first = rules.first_day(FREQUENCY_RULES.get(unit.kind, "reception.reply"))  # type: ignore[call-overload]
    if (first and date < first) or date > latest_day(future=True):
        raise DomainError(
            _("Ngày tiếp phải từ %(a)s đến %(b)s.")
            % {"a": vn_date(first or date), "b": vn_date(latest_day(future=True))},
            field="date",
        )
    texts = checked_texts(ReceptionSession, leader=leader, leader_title=leader_title, place=place)
    _check_form(form, date)
    if not leader.strip():
        raise DomainError(_("Hãy ghi người lãnh đạo tiếp công dân."), field="leader")
    with transaction.atomic():
        session = ReceptionSession.objects.create(unit=unit, date=date, form=form, **texts)
        audit.log_create(actor=actor, obj=session, unit_id=unit.pk)
        indicators.touched("reception", unit.pk, [date])
    return session


def _check_form(form: str, date: dt.date) -> None:
    """Online reception only from the day the law allows it (`reception.forms`)."""
    if form == "in_person":
        return
    try:
        allowed = {item["key"] for item in rules.value("reception.forms", on=date)}
    except RuleMissing:
        allowed = set()
    if form not in allowed:
        first = rules.first_day("reception.forms")
        raise DomainError(
            _("Tiếp công dân trực tuyến áp dụng từ %(day)s (%(cite)s).")
            % {
                "day": vn_date(first) if first else "—",
                "cite": rules.citation("reception.forms") if first else "",
            },
            field="form",
        )


# Recorded through the services (the field app's sync sends visits too).
visit_record = services.visit_record


@dataclass(frozen=True)
class MonthCheck:
    required: str
    missing_weeks: list[tuple[dt.date, dt.date]]
    count: int
    short: bool


def month_check(*, unit: Unit, year: int, month: int) -> MonthCheck | None:
    """Whether the unit held the law's minimum of reception days in the month."""
    code = FREQUENCY_RULES.get(unit.kind)  # type: ignore[call-overload]
    if code is None:
        return None
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    frequency = rules.value(code, on=last)
    days = set(
        ReceptionSession.objects.filter(unit=unit, date__range=(first, last)).values_list(
            "date", flat=True
        )
    )
    required = _("ít nhất %(n)s ngày mỗi %(per)s (%(cite)s)") % {
        "n": frequency["times"],
        "per": _("tuần") if frequency["per"] == "week" else _("tháng"),
        "cite": rules.citation(code, on=last),
    }
    if frequency["per"] == "month":
        return MonthCheck(required, [], len(days), len(days) < frequency["times"])
    missing = []
    working = rules.working_days_in(first, last)
    monday = first - dt.timedelta(days=first.weekday())
    while monday <= last:
        week = [monday + dt.timedelta(days=i) for i in range(7)]
        in_month = [d for d in week if first <= d <= last]
        workdays = [d for d in in_month if d in working]
        held = sum(1 for d in in_month if d in days)
        if workdays and held < frequency["times"]:
            missing.append((in_month[0], in_month[-1]))
        monday += dt.timedelta(days=7)
    return MonthCheck(required, missing, len(days), bool(missing))
