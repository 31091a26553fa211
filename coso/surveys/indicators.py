"""What closed surveys count as (coso.core.indicators): respondents, and per element
the respondents who answered its question and those of them satisfied (the scale's
points marked as satisfied: 4 and 5 of 5) — counted in the period containing the
survey's closing day, at the survey's unit (a village's for its commune)."""

import datetime as dt
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.db.models import Case, F, IntegerField, Q, Sum, When
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso.core.indicators import Indicator, Ratio, Source, column, register
from coso.surveys.models import Element, ElementResult, Status, Survey
from coso.units.selectors import COMMUNITY_KINDS

BASIS = _("Luật Thực hiện dân chủ ở cơ sở, điều 34, 35 khoản 2 điểm a (đánh giá sự hài lòng)")
MEASURE = _("người trả lời")
COUNTS = "survey responses"


def _reporting(prefix: str = "") -> Case:
    """The reporting unit's id: a village's survey counts for its commune
    (coso.core.indicators.reporting_unit)."""
    return Case(
        When(**{f"{prefix}unit__kind__in": COMMUNITY_KINDS}, then=F(f"{prefix}unit__parent_id")),
        default=F(f"{prefix}unit_id"),
        output_field=IntegerField(),
    )


def _closed(unit_ids: Sequence[int] | None, start: dt.date, end: dt.date) -> Any:
    surveys = Survey.objects.filter(status=Status.CLOSED, closes_on__range=(start, end))
    surveys = surveys.annotate(reporting=_reporting())
    if unit_ids is not None:
        surveys = surveys.filter(reporting__in=unit_ids)
    return surveys


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Per reporting unit: respondents (one query), answered and satisfied per element
    (one query), over the surveys closed whose closing day is in the period."""
    found: dict[int, dict[str, int]] = {}
    closed = _closed(unit_ids, start, end)
    for row in closed.values("reporting").annotate(n=Sum("respondents")):
        found.setdefault(row["reporting"], {})["surveys.respondents"] = row["n"] or 0
    sums = {}
    for element in Element.values:
        for kind in ("answered", "satisfied"):
            sums[column(f"surveys.{kind}.{element}")] = Sum(kind, filter=Q(element=element))
    results = ElementResult.objects.filter(survey__in=closed.values("id"))
    results = results.annotate(reporting=_reporting("survey__"))
    for row in results.values("reporting").annotate(**sums):
        into = found.setdefault(row["reporting"], {})
        for element in Element.values:
            for kind in ("answered", "satisfied"):
                code = f"surveys.{kind}.{element}"
                into[code] = row[column(code)] or 0
    return found


def drill(code: str, unit: Any, start: dt.date, end: dt.date) -> str | None:
    """The unit's survey list, for the surveys closing in the period."""
    query = urlencode({"from": start.isoformat(), "to": end.isoformat()})
    return f"{reverse('surveys:list', args=[unit.code])}?{query}"


def _indicators() -> tuple[Indicator, ...]:
    found = [
        Indicator(
            "surveys.respondents",
            _("Người trả lời khảo sát sự hài lòng"),
            _("Câu trả lời của các cuộc khảo sát kết thúc có ngày kết thúc trong kỳ."),
            MEASURE,
            COUNTS,
            BASIS,
        )
    ]
    for element in Element:
        found.append(
            Indicator(
                f"surveys.answered.{element.value}",
                format_lazy("{}: {}", _("Trả lời câu hỏi hài lòng"), element.label),
                _(
                    "Người trả lời câu hỏi hài lòng của yếu tố, trong các cuộc khảo sát "
                    "kết thúc trong kỳ."
                ),
                MEASURE,
                COUNTS,
                BASIS,
            )
        )
        found.append(
            Indicator(
                f"surveys.satisfied.{element.value}",
                format_lazy("{}: {}", _("Hài lòng"), element.label),
                _("Người chọn mức được tính là hài lòng (4 hoặc 5 của thang 5 mức)."),
                MEASURE,
                COUNTS,
                BASIS,
            )
        )
    return tuple(found)


def _ratios() -> tuple[Ratio, ...]:
    return tuple(
        Ratio(
            f"surveys.share.{element.value}",
            format_lazy("{}: {}", _("Tỷ lệ hài lòng"), element.label),
            f"surveys.satisfied.{element.value}",
            f"surveys.answered.{element.value}",
            BASIS,
        )
        for element in Element
    )


register(
    Source(
        name="surveys",
        indicators=_indicators(),
        compute=compute,
        ratios=_ratios(),
        drill=drill,
    )
)
