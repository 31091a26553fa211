"""What petitions and citizen-reception days count as, for the steering committees'
figures (coso.core.indicators). Petitions are kept at the unit that handles them
(a commune, an agency, or the province itself)."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso.core.indicators import LAST, Indicator, Ratio, Source, StrOrPromise, register
from coso.petitions.models import Kind, Petition, ReceptionSession, Status

BASIS = "Kết luận 120-KL/TW: tiếp công dân, giải quyết khiếu nại, tố cáo, phản ánh, kiến nghị"
PETITIONS = "đơn"


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


def open_at(day: dt.date) -> Q:
    """Received by `day` and not closed by then."""
    return Q(received_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def overdue_at(day: dt.date) -> Q:
    """Open at `day` and past the deadline running then: to accept (until accepted), or
    to resolve (once accepted)."""
    waiting = (Q(accepted_on__isnull=True) | Q(accepted_on__gt=day)) & Q(accept_due__lt=day)
    resolving = Q(accepted_on__lte=day, due_on__lt=day)
    return open_at(day) & (waiting | resolving)


def compute_petitions(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Every petition indicator for each unit, in one aggregate query. Stocks (open,
    overdue) are read at the period's end, or today for the period under way."""
    as_of = min(end, timezone.localdate())
    conditions = {
        **_flows(start, end),
        "petitions.open": open_at(as_of),
        "petitions.overdue": overdue_at(as_of),
    }
    qs = (
        Petition.objects.all()
        if unit_ids is None
        else Petition.objects.filter(unit_id__in=unit_ids)
    )
    touching = Q(received_on__range=(start, end)) | Q(accepted_on__range=(start, end))
    touching |= Q(closed_on__range=(start, end)) | open_at(as_of)
    rows = (
        qs.filter(touching)
        .values("unit_id")
        .annotate(**{_alias(code): Count("id", filter=q) for code, q in conditions.items()})
    )
    return {r["unit_id"]: {code: r[_alias(code)] for code in conditions} for r in rows}


def drill(code: str, unit: Any, start: dt.date, end: dt.date) -> str | None:
    """Open and overdue petitions are listed on the unit's work list (as of today)."""
    which = {"petitions.overdue": "?which=overdue", "petitions.open": ""}.get(code)
    if which is None:
        return None
    return reverse("petitions:worklist", args=[unit.code]) + which


def _alias(code: str) -> str:
    return code.replace(".", "__")


def compute_reception(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Reception days held, and the weeks in which at least one was held."""
    qs = ReceptionSession.objects.filter(date__range=(start, end))
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    rows = qs.values("unit_id").annotate(
        held=Count("id"), weeks=Count(TruncWeek("date"), distinct=True)
    )
    return {
        r["unit_id"]: {"reception.sessions": r["held"], "reception.weeks_held": r["weeks"]}
        for r in rows
    }


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
        drill=drill,
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
                "reception.weeks_held",
                _("Tuần có tiếp công dân"),
                _("Số tuần trong kỳ có ít nhất một buổi tiếp công dân."),
                _("tuần"),
                "reception sessions",
                _("Luật Tiếp công dân, điều 15 khoản 2 điểm d (ít nhất 1 ngày mỗi tuần)"),
            ),
        ),
        compute=compute_reception,
    )
)
