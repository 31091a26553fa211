"""What follow-ups count as (coso.core.indicators): promises made, kept, kept on time,
open and overdue — kept at the unit that owns them."""

import datetime as dt
from collections.abc import Sequence
from functools import partial

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coso.core.counting import count_per_unit, stock_day, worklist_drill
from coso.core.indicators import LAST, Indicator, Ratio, Source, register
from coso.followups.models import FollowUp, Response, Status
from coso.followups.selectors import open_at

BASIS = _("Kết luận 120-KL/TW: đối thoại, tiếp xúc, giải quyết kiến nghị của Nhân dân")
MEASURE = _("việc")
_item = partial(Indicator, measure=MEASURE, counts="follow-ups", basis=BASIS)


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Every follow-up indicator per owning unit, one aggregate query; stocks at the
    period's end (today for the period under way)."""
    as_of = stock_day(end)
    closed = Q(closed_on__range=(start, end))
    conditions = {
        "followups.made": Q(opened_on__range=(start, end)),
        "followups.done": closed & Q(status=Status.DONE),
        "followups.done_on_time": closed & Q(status=Status.DONE, on_time=True),
        "followups.cannot": closed & Q(status=Status.CANNOT),
        "followups.confirmed": Q(
            status=Status.DONE, response=Response.CONFIRMED, responded_on__range=(start, end)
        ),
        "followups.open": open_at(as_of),
        "followups.overdue": open_at(as_of) & Q(due_on__lt=as_of),
    }
    touching = Q(opened_on__range=(start, end)) | closed | open_at(as_of)
    touching |= Q(responded_on__range=(start, end))
    return count_per_unit(FollowUp.objects.filter(touching), conditions, unit_ids=unit_ids)


register(
    Source(
        name="followups",
        indicators=(
            _item(
                "followups.made",
                _("Cam kết, kiến nghị phải theo dõi"),
                _("Cam kết, câu hỏi chuyển cơ quan có thẩm quyền, kết luận có ngày nêu trong kỳ."),
            ),
            _item("followups.done", _("Việc đã thực hiện"), _("Việc báo đã thực hiện trong kỳ.")),
            _item(
                "followups.done_on_time",
                _("Việc thực hiện đúng hạn"),
                _("Việc báo đã thực hiện trong kỳ, không muộn hơn hạn."),
            ),
            _item(
                "followups.cannot",
                _("Việc không thực hiện được"),
                _("Việc báo không thực hiện được (có lý do) trong kỳ."),
            ),
            _item(
                "followups.confirmed",
                _("Việc được người nêu xác nhận"),
                _("Việc báo đã thực hiện mà người dân nêu việc đó xác nhận trong kỳ."),
            ),
            _item(
                "followups.open",
                _("Việc đang theo dõi (cuối kỳ)"),
                _("Việc đã nêu mà chưa xong vào ngày cuối kỳ (hoặc hôm nay)."),
                over_time=LAST,
            ),
            _item(
                "followups.overdue",
                _("Việc quá hạn (cuối kỳ)"),
                _("Việc chưa xong mà đã quá hạn vào ngày cuối kỳ (hoặc hôm nay)."),
                over_time=LAST,
            ),
        ),
        ratios=(
            Ratio(
                "followups.on_time_share",
                _("Tỷ lệ cam kết thực hiện đúng hạn"),
                "followups.done_on_time",
                "followups.done",
                BASIS,
            ),
        ),
        compute=compute,
        # Open and overdue follow-ups are listed on the unit's work list.
        drill=worklist_drill(
            "followups:worklist", {"followups.overdue": "overdue", "followups.open": "open"}
        ),
    )
)
