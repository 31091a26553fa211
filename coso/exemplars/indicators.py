"""What the "Dân vận khéo" registry counts as (coso.core.indicators): models started and
running by field, recognised by level, replicated — kept at the model's unit."""

import datetime as dt
from collections.abc import Sequence
from functools import partial

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso.core.counting import count_per_unit, stock_day
from coso.core.indicators import LAST, Indicator, Source, register
from coso.exemplars.models import Exemplar, Field, Level, Recognition

BASIS = _("Phong trào thi đua “Dân vận khéo”; Kết luận 120-KL/TW")
MODELS = _("mô hình")


def running_at(day: dt.date) -> Q:
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    as_of = stock_day(end)
    started = Q(started_on__range=(start, end))
    conditions = {
        "exemplars.started": started,
        "exemplars.replicated": started & Q(origin__isnull=False),
        "exemplars.running": running_at(as_of),
        **{f"exemplars.running.{f}": running_at(as_of) & Q(field=f) for f in Field.values},
    }
    models = Exemplar.objects.filter(started | running_at(as_of))
    found = count_per_unit(models, conditions, unit_ids=unit_ids)
    recognised = {
        f"exemplars.recognised.{lv}": Q(level=lv)
        for lv in (Level.COMMUNE, Level.PROVINCE, Level.CENTRAL)
    }
    recognitions = Recognition.objects.filter(decided_on__range=(start, end))
    by = "exemplar__unit_id"
    return count_per_unit(recognitions, recognised, unit_ids=unit_ids, by=by, into=found)


_model = partial(Indicator, measure=MODELS, counts="Dân vận khéo models", basis=BASIS)

register(
    Source(
        name="exemplars",
        indicators=(
            _model(
                "exemplars.started", _("Mô hình “Dân vận khéo” mới"), _("Mô hình bắt đầu trong kỳ.")
            ),
            _model(
                "exemplars.replicated",
                _("Mô hình nhân rộng"),
                _("Mô hình bắt đầu trong kỳ theo một mô hình đã có ở đơn vị khác."),
            ),
            _model(
                "exemplars.running",
                _("Mô hình đang thực hiện (cuối kỳ)"),
                _("Mô hình đã bắt đầu và chưa dừng vào ngày cuối kỳ (hoặc hôm nay)."),
                over_time=LAST,
            ),
            *(
                _model(
                    f"exemplars.running.{key}",
                    format_lazy(_("Mô hình đang thực hiện: {field}"), field=label),
                    format_lazy(
                        _("Mô hình lĩnh vực “{field}” đang thực hiện vào cuối kỳ."), field=label
                    ),
                    over_time=LAST,
                )
                for key, label in Field.choices
            ),
            *(
                _model(
                    f"exemplars.recognised.{key}",
                    format_lazy(_("Mô hình được công nhận: {level}"), level=label),
                    format_lazy(_("Quyết định công nhận {level} có ngày trong kỳ."), level=label),
                )
                for key, label in Level.choices
                if key != Level.AGENCY
            ),
        ),
        compute=compute,
    )
)
