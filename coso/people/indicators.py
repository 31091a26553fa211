"""Households and residents, as the steering committees count them: how many lived in
each commune at the period's end (a stock). Counted at the village's commune."""

import datetime as dt
from collections.abc import Sequence

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coso.core.counting import count_per_unit, stock_day
from coso.core.indicators import LAST, Indicator, Source, register
from coso.people.models import Household, Resident


def _cutoff(end: dt.date) -> dt.datetime:
    """The period's last moment (or now, for the period under way)."""
    day = stock_day(end)
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    cutoff = _cutoff(end)
    households = Household.objects.filter(created_at__lt=cutoff)
    residents = Resident.objects.filter(created_at__lt=cutoff)
    # A village's households and residents count at its commune.
    found = count_per_unit(
        households, {"people.households": Q()}, unit_ids=unit_ids, by="village__parent_id"
    )
    by = "household__village__parent_id"
    return count_per_unit(
        residents, {"people.residents": Q()}, unit_ids=unit_ids, by=by, into=found
    )


register(
    Source(
        name="people",
        indicators=(
            Indicator(
                "people.households",
                _("Hộ gia đình"),
                _("Hộ gia đình có trong danh sách của các thôn, tổ dân phố vào cuối kỳ."),
                _("hộ"),
                "households",
                _("Luật Thực hiện dân chủ ở cơ sở, điều 2, 18"),
                over_time=LAST,
            ),
            Indicator(
                "people.residents",
                _("Nhân khẩu"),
                _("Nhân khẩu của các hộ gia đình trong danh sách vào cuối kỳ."),
                _("người"),
                "residents",
                _("Luật Thực hiện dân chủ ở cơ sở, điều 2, 18"),
                over_time=LAST,
            ),
        ),
        compute=compute,
    )
)
