"""What emulation results count as (coso.core.indicators): the units assessed in final
runs and how many fell in each class, counted at each unit in the run's period (the
period containing the run's last day)."""

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso.core.counting import count_per_unit
from coso.core.indicators import Indicator, Source, register
from coso.emulation.models import Grade, Result, Status

BASIS = _("Kết quả chấm điểm thi đua thực hiện dân chủ ở cơ sở (bộ tiêu chí của cơ quan đánh giá)")
_unit = partial(
    Indicator, measure=_("đơn vị"), counts="emulation results (final runs)", basis=BASIS
)


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    results = Result.objects.filter(run__status=Status.FINAL, run__period_end__range=(start, end))
    counted = {"emulation.units_assessed": Q()} | {
        f"emulation.class.{g}": Q(grade=g) for g in Grade.values
    }
    return count_per_unit(results, counted, unit_ids=unit_ids)


def drill(code: str, unit: Any, start: dt.date, end: dt.date) -> str | None:
    """The unit's emulation results (its public page lists the final runs)."""
    return reverse("emulation:public_unit", args=[unit.code])


register(
    Source(
        name="emulation",
        indicators=(
            _unit(
                "emulation.units_assessed",
                _("Lượt đơn vị được chấm điểm thi đua"),
                _("Kết quả của đơn vị trong các đợt chấm đã chính thức, có ngày cuối kỳ trong kỳ."),
            ),
            *(
                _unit(
                    f"emulation.class.{key}",
                    format_lazy(_("Xếp loại thi đua: {grade}"), grade=label),
                    format_lazy(_("Kết quả chính thức xếp loại “{grade}” trong kỳ."), grade=label),
                )
                for key, label in Grade.choices
            ),
        ),
        compute=compute,
        drill=drill,
    )
)
