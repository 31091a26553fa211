"""Matters residents discussed and decided: rounds counted by type and method, passed or
not, fallbacks to household ballots, and how many households took part. A village's
rounds count for its commune."""

import datetime as dt
from collections.abc import Sequence

from django.db.models import Case, F, Q, Sum, When
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coso import rules
from coso.core.counting import count_per_unit
from coso.core.indicators import Indicator, Ratio, Source, StrOrPromise, register
from coso.decisions.models import Electorate, Matter, Method, Participation, Status
from coso.units.selectors import COMMUNITY_KINDS

CONTENTS = _("nội dung")
BASIS = "Luật Thực hiện dân chủ ở cơ sở, điều 15–24 (dân bàn và quyết định)"
# The kinds of matter of GDL art. 15, read from the rulebook's catalogue as shipped (the
# indicator set is declared at start-up, before any database is read).
MATTER_TYPES = rules.as_shipped("vote.matters.catalogue")["items"]
DECIDED = (Status.COUNTED, Status.PUBLISHED)
# A round counted without the households it is decided over, or without those who took
# part: its quorum and approval (GDL arts. 20, 21) cannot be read from its record.
NO_QUORUM = (
    Q(eligible__isnull=True)
    | Q(eligible=0)
    | ~Q(outcome__has_key="present")
    | Q(outcome__present=0)
)


def _at(prefix: str = "") -> Case:
    """The reporting unit of a round: its unit, or a village's commune."""
    return Case(
        When(**{f"{prefix}unit__kind__in": COMMUNITY_KINDS}, then=F(f"{prefix}unit__parent_id")),
        default=F(f"{prefix}unit_id"),
    )


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    counted = Q(status__in=DECIDED, counted_on__range=(start, end))
    conditions: dict[str, Q] = {
        "decisions.decided": counted,
        "decisions.passed": counted & Q(outcome__passed=True),
        "decisions.by_meeting": counted & Q(method=Method.MEETING),
        "decisions.by_ballot": counted & ~Q(method=Method.MEETING),
        "decisions.fallbacks": Q(fallback_of__isnull=False, opened_on__range=(start, end)),
        "decisions.quorum_missing": counted & Q(electorate=Electorate.HOUSEHOLDS) & NO_QUORUM,
    }
    for item in MATTER_TYPES:
        conditions[f"decisions.decided.type{item['key']}"] = counted & Q(matter_type=item["key"])
    matters = Matter.objects.annotate(at=_at()).filter(counted | conditions["decisions.fallbacks"])
    households = counted & Q(electorate=Electorate.HOUSEHOLDS)
    eligible = {"decisions.households_eligible": Sum("eligible", filter=households)}
    found = count_per_unit(matters, conditions, unit_ids=unit_ids, by="at", totals=eligible)
    took_part = Participation.objects.annotate(at=_at("matter__")).filter(
        matter__status__in=DECIDED,
        matter__counted_on__range=(start, end),
        matter__electorate=Electorate.HOUSEHOLDS,
    )
    took = {"decisions.households_took_part": Q()}
    return count_per_unit(took_part, took, unit_ids=unit_ids, by="at", into=found)


def _indicator(
    code: str, label: StrOrPromise, definition: StrOrPromise, measure: StrOrPromise = CONTENTS
) -> Indicator:
    return Indicator(code, label, definition, measure, "matters", BASIS)


register(
    Source(
        name="decisions",
        indicators=(
            _indicator(
                "decisions.decided",
                _("Nội dung đã bàn và quyết định"),
                _("Cuộc họp hoặc vòng phát phiếu đã kiểm phiếu trong kỳ."),
            ),
            *(
                _indicator(
                    f"decisions.decided.type{item['key']}",
                    format_lazy(_("Đã quyết định: {matter}"), matter=item["label"]),
                    format_lazy(
                        _("Nội dung thuộc mục {key} điều 15 đã kiểm phiếu trong kỳ."),
                        key=item["key"],
                    ),
                )
                for item in MATTER_TYPES
            ),
            _indicator(
                "decisions.passed",
                _("Nội dung được thông qua"),
                _("Nội dung đã kiểm phiếu trong kỳ và đạt tỷ lệ tán thành (điều 21)."),
            ),
            _indicator(
                "decisions.by_meeting",
                _("Quyết định tại cuộc họp"),
                _("Nội dung đã kiểm phiếu trong kỳ, quyết định bằng hình thức họp."),
            ),
            _indicator(
                "decisions.by_ballot",
                _("Quyết định bằng phát phiếu hoặc trực tuyến"),
                _(
                    "Nội dung đã kiểm phiếu trong kỳ, quyết định bằng phiếu lấy ý kiến hộ gia đình hoặc trực tuyến."
                ),
            ),
            _indicator(
                "decisions.fallbacks",
                _("Phát phiếu thay cuộc họp không đủ số"),
                _(
                    "Vòng phát phiếu mở trong kỳ vì cuộc họp không thể đạt tỷ lệ (điều 19 khoản 1 điểm b)."
                ),
            ),
            _indicator(
                "decisions.quorum_missing",
                _("Nội dung quyết định không ghi số hộ tham gia"),
                _(
                    "Nội dung (theo hộ) đã kiểm phiếu trong kỳ mà không ghi tổng số hộ hoặc số hộ "
                    "dự họp, gửi phiếu (điều 20, 21)."
                ),
            ),
            _indicator(
                "decisions.households_eligible",
                _("Lượt hộ được lấy ý kiến"),
                _("Tổng số hộ của các nội dung (theo hộ) đã kiểm phiếu trong kỳ."),
                _("lượt hộ"),
            ),
            _indicator(
                "decisions.households_took_part",
                _("Lượt hộ tham gia"),
                _("Số hộ dự họp hoặc gửi phiếu của các nội dung (theo hộ) đã kiểm phiếu trong kỳ."),
                _("lượt hộ"),
            ),
        ),
        compute=compute,
        ratios=(
            Ratio(
                "decisions.turnout",
                _("Tỷ lệ hộ tham gia"),
                "decisions.households_took_part",
                "decisions.households_eligible",
                BASIS,
            ),
            Ratio(
                "decisions.passed_share",
                _("Tỷ lệ nội dung được thông qua"),
                "decisions.passed",
                "decisions.decided",
                BASIS,
            ),
        ),
    )
)
