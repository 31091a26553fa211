"""What the People's Inspection Board's work counts as (coso.core.indicators):
inspections, residents' requests, recommendations and those answered on time."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Aggregate, Count, Manager, Q, Sum
from django.utils.translation import gettext_lazy as _

from coso.core.counting import count_per_unit, stock_day
from coso.core.indicators import LAST, SUM, Indicator, Ratio, Source, StrOrPromise, register
from coso.followups.selectors import Status, made_from, open_at
from coso.oversight.models import Payment, Plan, Project, Request, Spending, Visit

BASIS = _(
    "Luật Thực hiện dân chủ ở cơ sở, điều 36–45 (Ban Thanh tra nhân dân, giám sát đầu tư của cộng đồng)"
)


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    plans = Plan.objects.filter(starts_on__range=(start, end))
    requests = Request.objects.filter(received_on__range=(start, end))
    plan_type = ContentType.objects.get_for_model(Plan)
    recommended = made_from(Plan, Visit)
    found = count_per_unit(plans, {"pib.inspections": Q()}, unit_ids=unit_ids, by="commune_id")
    count_per_unit(requests, {"pib.requests": Q()}, unit_ids=unit_ids, by="commune_id", into=found)
    opened = Q(opened_on__range=(start, end))
    answered = Q(status=Status.DONE, closed_on__range=(start, end))
    on_time = answered & Q(on_time=True)
    board = Q(origin_type=plan_type)
    as_of = stock_day(end)
    overdue = board & open_at(as_of) & Q(due_on__lt=as_of)
    counted = {
        "pib.recommendations": board & opened,
        "pib.answered": board & answered,
        "pib.answered_on_time": board & on_time,
        "cisb.recommendations": ~board & opened,
        "cisb.answered_on_time": ~board & on_time,
        "pib.overdue": overdue,
    }
    _projects(found, unit_ids, start, end)
    recommended = recommended.filter(
        Q(opened_on__range=(start, end)) | Q(closed_on__range=(start, end)) | overdue
    )
    return count_per_unit(recommended, counted, unit_ids=unit_ids, into=found)


def _projects(
    found: dict[int, dict[str, int]], unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> None:
    """Community projects started, supervision visits, money collected and spent."""
    # {code: (the records, their day, their commune, the aggregate)}
    sums: dict[str, tuple[Manager[Any], str, str, Aggregate]] = {
        "cisb.projects": (Project.objects, "starts_on", "commune_id", Count("id")),
        "cisb.visits": (Visit.objects, "visited_on", "project__commune_id", Count("id")),
        "cisb.collected": (Payment.objects, "paid_on", "project__commune_id", Sum("amount")),
        "cisb.spent": (Spending.objects, "spent_on", "project__commune_id", Sum("amount")),
    }
    for code, (records, day, key, total) in sums.items():
        rows = records.filter(**{f"{day}__range": (start, end)})
        rows = rows.values(key).annotate(n=total)
        if unit_ids is not None:
            rows = rows.filter(**{f"{key}__in": unit_ids})
        for r in rows:
            found.setdefault(r[key], {})[code] = r["n"] or 0


def _item(
    code: str,
    label: StrOrPromise,
    definition: StrOrPromise,
    measure: StrOrPromise,
    counts: str,
    over_time: str = SUM,
) -> Indicator:
    return Indicator(code, label, definition, measure, counts, BASIS, over_time)


register(
    Source(
        name="oversight",
        indicators=(
            _item(
                "pib.inspections",
                _("Cuộc kiểm tra của Ban Thanh tra nhân dân"),
                _("Cuộc kiểm tra bắt đầu trong kỳ."),
                _("cuộc"),
                "inspection plans",
            ),
            _item(
                "pib.requests",
                _("Đề nghị của Nhân dân gửi Ban Thanh tra nhân dân"),
                _("Đề nghị nhận trong kỳ."),
                _("đề nghị"),
                "board requests",
            ),
            _item(
                "pib.recommendations",
                _("Kiến nghị của Ban Thanh tra nhân dân"),
                _("Kiến nghị gửi UBND xã trong kỳ."),
                _("kiến nghị"),
                "follow-ups",
            ),
            _item(
                "pib.answered",
                _("Kiến nghị đã được trả lời"),
                _("Kiến nghị được UBND xã trả lời (báo đã thực hiện) trong kỳ."),
                _("kiến nghị"),
                "follow-ups",
            ),
            _item(
                "pib.answered_on_time",
                _("Kiến nghị được trả lời đúng hạn"),
                _("Kiến nghị trả lời trong kỳ, trong thời hạn của sổ quy định."),
                _("kiến nghị"),
                "follow-ups",
            ),
            _item(
                "pib.overdue",
                _("Kiến nghị quá hạn chưa được trả lời (cuối kỳ)"),
                _(
                    "Kiến nghị của Ban Thanh tra nhân dân chưa được trả lời mà đã quá hạn trả lời "
                    "vào ngày cuối kỳ (hoặc hôm nay, với kỳ đang diễn ra)."
                ),
                _("kiến nghị"),
                "follow-ups",
                LAST,
            ),
            _item(
                "cisb.projects",
                _("Công trình do cộng đồng đóng góp"),
                _("Công trình khởi công trong kỳ."),
                _("công trình"),
                "community projects",
            ),
            _item(
                "cisb.visits",
                _("Lần giám sát đầu tư của cộng đồng"),
                _("Lần giám sát của các Ban giám sát đầu tư của cộng đồng trong kỳ."),
                _("lần"),
                "supervision visits",
            ),
            _item(
                "cisb.recommendations",
                _("Kiến nghị của Ban giám sát đầu tư của cộng đồng"),
                _("Kiến nghị sau các lần giám sát trong kỳ."),
                _("kiến nghị"),
                "follow-ups",
            ),
            _item(
                "cisb.answered_on_time",
                _("Kiến nghị giám sát đầu tư được trả lời đúng hạn"),
                _(
                    "Kiến nghị của Ban giám sát đầu tư trả lời trong kỳ, trong thời hạn của sổ quy định."
                ),
                _("kiến nghị"),
                "follow-ups",
            ),
            _item(
                "cisb.collected",
                _("Tiền các hộ đã đóng góp"),
                _("Tổng tiền các hộ nộp trong kỳ cho công trình cộng đồng."),
                _("đồng"),
                "project payments",
            ),
            _item(
                "cisb.spent",
                _("Tiền đã chi cho công trình cộng đồng"),
                _("Tổng các khoản chi trong kỳ."),
                _("đồng"),
                "project spending",
            ),
        ),
        ratios=(
            Ratio(
                "pib.on_time_share",
                _("Tỷ lệ kiến nghị của Ban Thanh tra nhân dân được trả lời đúng hạn"),
                "pib.answered_on_time",
                "pib.answered",
                BASIS,
            ),
        ),
        compute=compute,
    )
)
