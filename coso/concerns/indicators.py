"""What concerns count as (coso.core.indicators): per reporting unit and period, the
households (and people with no known household) and the records that raised each topic,
through every channel — the figures the concerns view, the dashboards, the periodic
report and the open API read.

The catalogue is data (an administrator adds topics), so the per-topic indicators are a
`family`: `concerns.households.<code>` and `concerns.records.<code>` for every topic ever
in the catalogue (retired ones too, so that their old figures are still replaced on a
refresh). A first-level topic counts the rows of its subtopics too (`ConcernTopic.top`);
a subtopic counts its own rows. Every count is made by `coso.concerns.counting`."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso.concerns import counting, topics
from coso.concerns.models import ConcernTopic
from coso.core.indicators import Indicator, Source, StrOrPromise, register

HOUSEHOLDS = "concerns.households"
RECORDS = "concerns.records"
BASIS = _("Nắm tình hình nhân dân, ý kiến, kiến nghị của Nhân dân (Luật Thực hiện dân chủ ở cơ sở)")
COUNTS = "concerns"


def households_code(topic: str) -> str:
    return f"{HOUSEHOLDS}.{topic}"


def records_code(topic: str) -> str:
    return f"{RECORDS}.{topic}"


def topic_of(code: str) -> str | None:
    """The topic an indicator code of this source names (None: every topic)."""
    for prefix in (HOUSEHOLDS, RECORDS):
        if code.startswith(prefix + "."):
            return code[len(prefix) + 1 :]
    return None


# A topic's label in the language of the page that shows it (the registry is built once
# for every language).
topic_label = lazy(topics.label, str)


def _pair(code: str, name: StrOrPromise) -> tuple[Indicator, Indicator]:
    return (
        Indicator(
            households_code(code),
            format_lazy(_("Hộ, người nêu: {topic}"), topic=name),
            format_lazy(
                _(
                    "Số hộ (và người không xác định được hộ) có ý kiến, kiến nghị về “{topic}” "
                    "trong kỳ, qua mọi kênh; một hộ nêu nhiều lần chỉ tính một."
                ),
                topic=name,
            ),
            _("hộ"),
            COUNTS,
            BASIS,
        ),
        Indicator(
            records_code(code),
            format_lazy(_("Hồ sơ nêu: {topic}"), topic=name),
            format_lazy(
                _("Số hồ sơ (đơn, ý kiến, câu hỏi, góp ý) nêu “{topic}” trong kỳ, qua mọi kênh."),
                topic=name,
            ),
            _("hồ sơ"),
            COUNTS,
            BASIS,
        ),
    )


def family() -> tuple[Indicator, ...]:
    """Two indicators for every topic of the catalogue, retired ones included."""
    return tuple(i for e in topics.catalogue().entries for i in _pair(e.code, topic_label(e.code)))


def _rows(unit_ids: Sequence[int] | None, start: dt.date, end: dt.date) -> QuerySet[ConcernTopic]:
    rows = ConcernTopic.objects.filter(raised_on__range=(start, end))
    return rows if unit_ids is None else rows.filter(commune_id__in=unit_ids)


def _add(found: dict[int, dict[str, int]], grouped: Any, codes: dict[int, str], by: str) -> None:
    for r in grouped:
        values = found.setdefault(r["commune_id"], {})
        topic = codes.get(r[by]) if by else None
        values[households_code(topic) if topic else HOUSEHOLDS] = r["households"]
        values[records_code(topic) if topic else RECORDS] = r["records"]


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Every concerns indicator for each reporting unit: four GROUP BY queries whatever
    the number of units and rows (topic codes; by first-level topic; by subtopic; every
    topic together — a household raising two topics counts once there)."""
    codes = {e.id: e.code for e in topics.catalogue().entries}
    rows = _rows(unit_ids, start, end)
    counts = {"households": counting.households(), "records": counting.records()}
    found: dict[int, dict[str, int]] = {}
    _add(found, rows.values("commune_id", "top_id").annotate(**counts), codes, "top_id")
    below = rows.exclude(topic_id=F("top_id"))
    _add(found, below.values("commune_id", "topic_id").annotate(**counts), codes, "topic_id")
    _add(found, rows.values("commune_id").annotate(**counts), codes, "")
    return found


def drill(code: str, unit: Any, start: dt.date, end: dt.date) -> str | None:
    """A commune's figure leads to its records on the topic; every topic, to the unit's
    concerns view (the dashboard adds the period)."""
    del start, end
    topic = topic_of(code)
    if topic is None:
        return reverse("concerns:unit_view", args=[unit.code])
    return reverse("concerns:records", args=[unit.code, topic])


register(
    Source(
        name="concerns",
        indicators=(
            Indicator(
                HOUSEHOLDS,
                _("Hộ, người có ý kiến, kiến nghị"),
                _(
                    "Số hộ (và người không xác định được hộ) có ý kiến, kiến nghị trong kỳ về "
                    "bất kỳ chủ đề nào, qua mọi kênh; một hộ chỉ tính một."
                ),
                _("hộ"),
                COUNTS,
                BASIS,
            ),
            Indicator(
                RECORDS,
                _("Hồ sơ ý kiến, kiến nghị của Nhân dân"),
                _(
                    "Số hồ sơ (đơn, ý kiến tại đối thoại, góp ý dự thảo, kiến nghị gửi Ban "
                    "Thanh tra nhân dân, ý kiến trong phiếu khảo sát) có chủ đề, trong kỳ."
                ),
                _("hồ sơ"),
                COUNTS,
                BASIS,
            ),
        ),
        compute=compute,
        drill=drill,
        family=family,
    )
)

from coso.concerns import hotspot_figures  # noqa: F401,E402
