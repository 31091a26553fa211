"""What ratings count as (coso.core.indicators): ratings received, those satisfied
overall and on each criterion, and the share satisfied — each rating in the period
containing the day it was made, kept at the unit of the case rated."""

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso.core.counting import count_per_unit
from coso.core.indicators import Indicator, Ratio, Source, register
from coso.ratings.models import Rating, Score
from coso.ratings.scale import shipped_criteria

BASIS = _(
    "Luật Thực hiện dân chủ ở cơ sở, điều 34 và điều 35 khoản 2 điểm a: đánh giá sự hài "
    "lòng của Nhân dân"
)
_item = partial(Indicator, measure=_("lượt đánh giá"), counts="ratings", basis=BASIS)
RECEIVED, SATISFIED = "ratings.received", "ratings.satisfied"
# The criteria as shipped: a later version's new criterion has no indicator until
# declared here by a new catalogue entry.
CRITERIA = shipped_criteria()
PER_CRITERION = {f"{SATISFIED}.{key}": key for key, _label in CRITERIA}


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Every rating indicator per unit: one aggregate query over the ratings, one over
    their scores."""
    found = count_per_unit(
        Rating.objects.filter(rated_on__range=(start, end)),
        {RECEIVED: Q(), SATISFIED: Q(satisfied=True)},
        unit_ids=unit_ids,
    )
    scores = Score.objects.filter(rating__rated_on__range=(start, end), satisfied=True)
    by_unit = count_per_unit(
        scores,
        {code: Q(criterion=key) for code, key in PER_CRITERION.items()},
        unit_ids=unit_ids,
        by="rating__unit_id",
    )
    for unit_id, values in by_unit.items():
        found.setdefault(unit_id, {RECEIVED: 0, SATISFIED: 0}).update(values)
    return found


def drill(code: str, unit: Any, start: dt.date, end: dt.date) -> str | None:
    """The unit's list of the ratings the figure counts."""
    query = {"from": start.isoformat(), "to": end.isoformat()}
    if code != RECEIVED:
        query |= {"satisfied": "yes", "criterion": PER_CRITERION.get(code, "")}
    return f"{reverse('ratings:list', args=[unit.code])}?{urlencode(query)}"


register(
    Source(
        name="ratings",
        indicators=(
            _item(
                RECEIVED,
                _("Lượt đánh giá kết quả giải quyết"),
                _(
                    "Đánh giá của người gửi đơn đã giải quyết, người nêu việc đã thực hiện, "
                    "làm trong kỳ."
                ),
            ),
            _item(
                SATISFIED,
                _("Lượt đánh giá hài lòng"),
                _("Đánh giá làm trong kỳ mà mức hài lòng chung là hài lòng (theo thang điểm)."),
            ),
            *(
                _item(
                    code,
                    format_lazy(_("Lượt hài lòng: {}"), dict(CRITERIA)[key]),
                    format_lazy(
                        _("Đánh giá làm trong kỳ hài lòng về tiêu chí “{}”."), dict(CRITERIA)[key]
                    ),
                )
                for code, key in PER_CRITERION.items()
            ),
        ),
        ratios=(
            Ratio(
                "ratings.share",
                _("Tỷ lệ người dân hài lòng với kết quả giải quyết"),
                SATISFIED,
                RECEIVED,
                BASIS,
            ),
        ),
        compute=compute,
        drill=drill,
    )
)
