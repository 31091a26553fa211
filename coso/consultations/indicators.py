"""What consultations count as (coso.core.indicators): drafts put to residents (in all
and by the law's category), opinions received, and opinions accepted in whole or part."""

import datetime as dt
from collections.abc import Sequence
from functools import partial

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso.consultations.models import Consultation, Opinion, Outcome
from coso.core.counting import count_per_unit
from coso.core.indicators import Indicator, Source, register

BASIS = _("Luật Thực hiện dân chủ ở cơ sở, điều 25–28 (Nhân dân tham gia ý kiến)")
CATEGORIES = [str(n) for n in range(1, 10)]  # consultation.catalogue's keys


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    held = {"consultations.held": Q()} | {
        f"consultations.held.{key}": Q(category=key) for key in CATEGORIES
    }
    consultations = Consultation.objects.filter(opened_on__range=(start, end))
    found = count_per_unit(consultations, held, unit_ids=unit_ids)
    published = Q(consultation__published_on__range=(start, end))
    counted = {
        "consultations.opinions": Q(received_on__range=(start, end)),
        "consultations.accepted": published & Q(outcome__in=[Outcome.ACCEPTED, Outcome.PARTLY]),
        "consultations.answered": published,
    }
    opinions = Opinion.objects.filter(Q(received_on__range=(start, end)) | published)
    by = "consultation__unit_id"
    return count_per_unit(opinions, counted, unit_ids=unit_ids, by=by, into=found)


_draft = partial(Indicator, measure=_("dự thảo"), counts="consultations", basis=BASIS)
_opinion = partial(Indicator, measure=_("ý kiến"), counts="consultation opinions", basis=BASIS)

register(
    Source(
        name="consultations",
        indicators=(
            _draft(
                "consultations.held",
                _("Dự thảo lấy ý kiến Nhân dân"),
                _("Dự thảo công bố lấy ý kiến trong kỳ."),
            ),
            *(
                _draft(
                    f"consultations.held.{key}",
                    format_lazy(_("Dự thảo lấy ý kiến: nội dung {key}"), key=key),
                    format_lazy(
                        _(
                            "Dự thảo công bố trong kỳ thuộc nội dung số {key} của danh mục luật định."
                        ),
                        key=key,
                    ),
                )
                for key in CATEGORIES
            ),
            _opinion(
                "consultations.opinions",
                _("Ý kiến Nhân dân về dự thảo"),
                _("Ý kiến nhận trong kỳ (trực tuyến và thu qua các hình thức khác)."),
            ),
            _opinion(
                "consultations.answered",
                _("Ý kiến đã giải trình công khai"),
                _("Ý kiến của các đợt công khai kết quả trong kỳ."),
            ),
            _opinion(
                "consultations.accepted",
                _("Ý kiến được tiếp thu"),
                _(
                    "Ý kiến được tiếp thu toàn bộ hoặc một phần, của các đợt công khai kết quả trong kỳ."
                ),
            ),
        ),
        compute=compute,
    )
)
