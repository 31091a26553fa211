"""What meetings count as (coso.core.indicators): dialogue conferences held and the
communes that met the law's yearly minimum, workplace dialogues, voter meetings, the
questions raised and answered, work visits and their conclusions."""

import datetime as dt
from collections.abc import Sequence
from functools import partial

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from coso import rules
from coso.core.counting import count_per_unit, stock_day
from coso.core.indicators import LAST, Indicator, Ratio, Source, register
from coso.dialogues.models import Item, Kind, Meeting
from coso.rules.services import RuleMissing
from coso.units.selectors import Unit, UnitKind, existed_between

BASIS = _("Kết luận 120-KL/TW: đối thoại, tiếp xúc, lắng nghe ý kiến Nhân dân")
MINIMUM = "dialogue.commune.min_per_year"
ASKED = (Kind.DIALOGUE, Kind.VOTERS)


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Counts per unit where the meeting was held (or visited): one query for meetings,
    one for questions; and each commune's dialogues of the year to the period's end
    against the rulebook's minimum (one query)."""
    held = {
        "dialogues.held": Q(kind=Kind.DIALOGUE),
        "dialogues.workplace_held": Q(kind=Kind.WORKPLACE),
        "voters.meetings": Q(kind=Kind.VOTERS),
        "visits.held": Q(kind=Kind.VISIT),
    }
    meetings = Meeting.objects.filter(date__range=(start, end))
    found = count_per_unit(meetings, held, unit_ids=unit_ids)
    raised = {
        "meetings.questions": Q(meeting__kind__in=ASKED),
        "meetings.answered": Q(meeting__kind__in=ASKED) & ~Q(answer=""),
        "meetings.forwarded": Q(meeting__kind__in=ASKED, forwarded_to__isnull=False),
        "visits.conclusions": Q(meeting__kind=Kind.VISIT, followup__isnull=False),
    }
    items = Item.objects.filter(meeting__date__range=(start, end))
    count_per_unit(items, raised, unit_ids=unit_ids, by="meeting__unit_id", into=found)
    _minimum(found, unit_ids, start, end)
    return found


def _minimum(
    found: dict[int, dict[str, int]], unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> None:
    """Each commune that existed in the period owes the year's minimum; it met it if
    the year, up to the period's end (or today), held that many dialogues."""
    try:
        times = int(rules.value(MINIMUM, on=end)["times"])
    except RuleMissing:  # a period before the law
        return
    as_of = stock_day(end)
    communes = Unit.objects.filter(existed_between(start, end), kind=UnitKind.COMMUNE)
    if unit_ids is not None:
        communes = communes.filter(pk__in=unit_ids)
    year = Q(
        meetings__kind=Kind.DIALOGUE,
        meetings__date__range=(dt.date(end.year, 1, 1), as_of),
    )
    for unit_id, n in communes.annotate(n=Count("meetings", filter=year)).values_list("pk", "n"):
        row = found.setdefault(unit_id, {})
        row["dialogues.communes_required"] = 1
        row["dialogues.communes_met"] = int(n >= times)


MEETINGS, QUESTIONS, COMMUNES = _("hội nghị"), _("câu hỏi"), _("xã")
ARTICLE_32 = _("Luật Thực hiện dân chủ ở cơ sở, điều 32")
_item = partial(Indicator, counts="meetings", basis=BASIS)
# The communes owing the law's yearly minimum of dialogues, read at the period's end.
_yearly = partial(_item, measure=COMMUNES, over_time=LAST, basis=ARTICLE_32)

register(
    Source(
        name="dialogues",
        indicators=(
            _item(
                "dialogues.held",
                _("Hội nghị đối thoại với Nhân dân"),
                _("Hội nghị đối thoại giữa UBND xã và Nhân dân có ngày trong kỳ."),
                MEETINGS,
            ),
            _yearly(
                "dialogues.communes_required",
                _("Xã phải tổ chức đối thoại"),
                _("Xã, phường tồn tại trong kỳ, mỗi năm phải đối thoại ít nhất theo sổ quy định."),
            ),
            _yearly(
                "dialogues.communes_met",
                _("Xã đã đối thoại đủ mức tối thiểu trong năm"),
                _("Xã có số hội nghị đối thoại từ đầu năm đến cuối kỳ đạt mức tối thiểu."),
            ),
            _item(
                "dialogues.workplace_held",
                _("Đối thoại tại nơi làm việc"),
                _("Đối thoại tại cơ quan, doanh nghiệp có ngày trong kỳ."),
                MEETINGS,
            ),
            _item(
                "voters.meetings",
                _("Buổi tiếp xúc cử tri"),
                _("Buổi đại biểu tiếp xúc cử tri có ngày trong kỳ."),
                MEETINGS,
            ),
            _item(
                "meetings.questions",
                _("Câu hỏi, ý kiến của Nhân dân, cử tri"),
                _("Câu hỏi, ý kiến nêu tại hội nghị đối thoại, tiếp xúc cử tri trong kỳ."),
                QUESTIONS,
            ),
            _item(
                "meetings.answered",
                _("Câu hỏi được trả lời tại hội nghị"),
                _("Câu hỏi, ý kiến được trả lời ngay tại hội nghị đối thoại, tiếp xúc cử tri."),
                QUESTIONS,
            ),
            _item(
                "meetings.forwarded",
                _("Câu hỏi chuyển cơ quan có thẩm quyền"),
                _("Câu hỏi chuyển cơ quan có thẩm quyền trả lời (theo dõi đến khi có trả lời)."),
                QUESTIONS,
            ),
            _item(
                "visits.held",
                _("Đợt làm việc của Ban Chỉ đạo, Ban Dân vận"),
                _("Buổi làm việc tại đơn vị có ngày trong kỳ."),
                _("buổi"),
            ),
            _item(
                "visits.conclusions",
                _("Kết luận yêu cầu đơn vị thực hiện"),
                _("Kết luận của các buổi làm việc trong kỳ yêu cầu đơn vị thực hiện (theo dõi)."),
                _("kết luận"),
            ),
        ),
        ratios=(
            Ratio(
                "dialogues.met_share",
                _("Tỷ lệ xã đối thoại đủ mức tối thiểu"),
                "dialogues.communes_met",
                "dialogues.communes_required",
                ARTICLE_32,
            ),
            Ratio(
                "meetings.answered_share",
                _("Tỷ lệ câu hỏi được trả lời tại hội nghị"),
                "meetings.answered",
                "meetings.questions",
                BASIS,
            ),
        ),
        compute=compute,
    )
)
