"""What warnings count as (coso.core.indicators): warnings opened in the period and
warnings open at its end, per unit warned — on the dashboards and in the figures a
periodic report reads."""

import datetime as dt
from collections.abc import Sequence

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coso.alerts.models import Warning
from coso.core.counting import count_per_unit, stock_day
from coso.core.indicators import LAST, Indicator, Source, register

BASIS = _("Kết luận 120-KL/TW: kịp thời phát hiện, xử lý biểu hiện mất dân chủ")
WARNINGS = _("cảnh báo")


def open_at(day: dt.date) -> Q:
    """Warnings open on `day`."""
    return Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Warnings opened in the period, and open at its end (today for the period under
    way): one aggregate query."""
    as_of = stock_day(end)
    counted = {
        "warnings.opened": Q(opened_on__range=(start, end)),
        "warnings.open": open_at(as_of),
    }
    rows = Warning.objects.filter(counted["warnings.opened"] | counted["warnings.open"])
    return count_per_unit(rows, counted, unit_ids=unit_ids)


SOURCE = register(
    Source(
        name="warnings",
        indicators=(
            Indicator(
                "warnings.opened",
                _("Cảnh báo biểu hiện mất dân chủ phát sinh"),
                _("Cảnh báo mở trong kỳ khi rà soát số liệu theo các quy định cảnh báo."),
                WARNINGS,
                "warnings",
                BASIS,
            ),
            Indicator(
                "warnings.open",
                _("Cảnh báo còn mở (cuối kỳ)"),
                _(
                    "Cảnh báo chưa đóng vào ngày cuối kỳ (hoặc hôm nay, với kỳ đang diễn ra): "
                    "nguyên nhân còn và chưa chuyển thành việc cần theo dõi."
                ),
                WARNINGS,
                "warnings",
                BASIS,
                over_time=LAST,
            ),
        ),
        compute=compute,
    )
)
