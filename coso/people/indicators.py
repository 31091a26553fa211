"""Households and residents, as the steering committees count them: how many lived in
each commune at the period's end (a stock). Counted at the village's commune."""

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coso.core.indicators import LAST, Indicator, Source, register
from coso.people.models import Household, Resident


def _cutoff(end: dt.date) -> dt.datetime:
    """The period's last moment (or now, for the period under way)."""
    day = min(end, timezone.localdate())
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    cutoff = _cutoff(end)
    households = Household.objects.filter(created_at__lt=cutoff)
    residents = Resident.objects.filter(created_at__lt=cutoff)
    if unit_ids is not None:
        households = households.filter(village__parent_id__in=unit_ids)
        residents = residents.filter(household__village__parent_id__in=unit_ids)
    found: dict[int, dict[str, int]] = {}
    for row in households.values("village__parent_id").annotate(n=Count("id")):
        found.setdefault(row["village__parent_id"], {})["people.households"] = row["n"]
    for row in residents.values("household__village__parent_id").annotate(n=Count("id")):
        found.setdefault(row["household__village__parent_id"], {})["people.residents"] = row["n"]
    return found


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
