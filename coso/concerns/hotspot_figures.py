"""What hotspots count as (coso.core.indicators): hotspots opened in a period and open
at its end, at the commune they are in."""

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coso.concerns.models import Hotspot
from coso.core.counting import count_per_unit, stock_day
from coso.core.indicators import LAST, Indicator, Source, register

BASIS = _("Nắm chắc tâm tư, nguyện vọng của Nhân dân; giải quyết điểm nóng từ cơ sở")
_item = partial(Indicator, measure=_("điểm nóng"), counts="hotspots", basis=BASIS)


def open_at(day: dt.date) -> Q:
    """Opened by `day` and not closed by then."""
    return Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Both figures per commune in one aggregate query; the stock at the period's end
    (today for the period under way)."""
    as_of = stock_day(end)
    conditions = {
        "hotspots.opened": Q(opened_on__range=(start, end)),
        "hotspots.open": open_at(as_of),
    }
    touching = Q(opened_on__range=(start, end)) | open_at(as_of)
    return count_per_unit(
        Hotspot.objects.filter(touching), conditions, unit_ids=unit_ids, by="commune_id"
    )


def drill(code: str, unit: Any, start: dt.date, end: dt.date) -> str | None:
    """Both figures list the commune's hotspots (all of them for those opened)."""
    status = "open" if code == "hotspots.open" else "all"
    return f"{reverse('concerns:hotspots', args=[unit.code])}?status={status}"


register(
    Source(
        name="hotspots",
        indicators=(
            _item(
                "hotspots.opened",
                _("Điểm nóng phát hiện"),
                _("Điểm nóng (nhiều hộ cùng nêu một chủ đề, hoặc đơn đông người) mở trong kỳ."),
            ),
            _item(
                "hotspots.open",
                _("Điểm nóng đang theo dõi (cuối kỳ)"),
                _("Điểm nóng chưa xử lý xong vào ngày cuối kỳ (hoặc hôm nay)."),
                over_time=LAST,
            ),
        ),
        compute=compute,
        drill=drill,
    )
)
