"""What consultations count as (coso.core.indicators): drafts put to residents (in all
and by the law's category), opinions received, and opinions accepted in whole or part."""

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso.consultations.models import Consultation, Opinion, Outcome
from coso.core.indicators import Indicator, Source, column, register

BASIS = _("Luật Thực hiện dân chủ ở cơ sở, điều 25–28 (Nhân dân tham gia ý kiến)")
CATEGORIES = [str(n) for n in range(1, 10)]  # consultation.catalogue's keys


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    held = {"consultations.held": Q()} | {
        f"consultations.held.{key}": Q(category=key) for key in CATEGORIES
    }
    consultations = Consultation.objects.filter(opened_on__range=(start, end))
    opinions = Opinion.objects.all()
    if unit_ids is not None:
        consultations = consultations.filter(unit_id__in=unit_ids)
        opinions = opinions.filter(consultation__unit_id__in=unit_ids)
    found: dict[int, dict[str, int]] = {}
    for r in consultations.values("unit_id").annotate(
        **{column(c): Count("id", filter=q) for c, q in held.items()}
    ):
        found[r["unit_id"]] = {c: r[column(c)] for c in held}
    published = Q(consultation__published_on__range=(start, end))
    counted = {
        "consultations.opinions": Q(received_on__range=(start, end)),
        "consultations.accepted": published & Q(outcome__in=[Outcome.ACCEPTED, Outcome.PARTLY]),
        "consultations.answered": published,
    }
    for r in (
        opinions.filter(Q(received_on__range=(start, end)) | published)
        .values("consultation__unit_id")
        .annotate(**{column(c): Count("id", filter=q) for c, q in counted.items()})
    ):
        found.setdefault(r["consultation__unit_id"], {}).update({c: r[column(c)] for c in counted})
    return found


register(
    Source(
        name="consultations",
        indicators=(
            Indicator(
                "consultations.held",
                _("Dự thảo lấy ý kiến Nhân dân"),
                _("Dự thảo công bố lấy ý kiến trong kỳ."),
                _("dự thảo"),
                "consultations",
                BASIS,
            ),
            *(
                Indicator(
                    f"consultations.held.{key}",
                    format_lazy(_("Dự thảo lấy ý kiến: nội dung {key}"), key=key),
                    format_lazy(
                        _(
                            "Dự thảo công bố trong kỳ thuộc nội dung số {key} của danh mục luật định."
                        ),
                        key=key,
                    ),
                    _("dự thảo"),
                    "consultations",
                    BASIS,
                )
                for key in CATEGORIES
            ),
            Indicator(
                "consultations.opinions",
                _("Ý kiến Nhân dân về dự thảo"),
                _("Ý kiến nhận trong kỳ (trực tuyến và thu qua các hình thức khác)."),
                _("ý kiến"),
                "consultation opinions",
                BASIS,
            ),
            Indicator(
                "consultations.answered",
                _("Ý kiến đã giải trình công khai"),
                _("Ý kiến của các đợt công khai kết quả trong kỳ."),
                _("ý kiến"),
                "consultation opinions",
                BASIS,
            ),
            Indicator(
                "consultations.accepted",
                _("Ý kiến được tiếp thu"),
                _(
                    "Ý kiến được tiếp thu toàn bộ hoặc một phần, của các đợt công khai kết quả trong kỳ."
                ),
                _("ý kiến"),
                "consultation opinions",
                BASIS,
            ),
        ),
        compute=compute,
    )
)
