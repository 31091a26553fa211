"""Recording meetings, what was raised at them and what was promised."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from coso import rules
from coso.concerns import selectors as catalogue
from coso.concerns import services as concerns
from coso.core import audit, indicators
from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.limits import check_lengths_of
from coso.core.permissions import can
from coso.dialogues.models import PUBLIC_KINDS, Group, Item, Kind, Meeting
from coso.followups.selectors import FollowUp
from coso.followups.services import Promise, check_promise, followup_create
from coso.units.selectors import COMMUNITY_KINDS, Unit, UnitKind

# Where each kind of meeting is held (or, for a work visit, which units are visited).
WHERE: dict[str, tuple[str, ...]] = {
    Kind.DIALOGUE: (UnitKind.COMMUNE,),
    Kind.WORKPLACE: (UnitKind.AGENCY, UnitKind.ENTERPRISE),
    Kind.VOTERS: (UnitKind.COMMUNE, UnitKind.PROVINCE),
    Kind.VISIT: (UnitKind.COMMUNE, UnitKind.AGENCY, UnitKind.ENTERPRISE, UnitKind.PROVINCE),
}
# The rule a kind of meeting implements: its first day bounds the dates.
RULES: dict[str, str] = {
    Kind.DIALOGUE: "dialogue.commune.min_per_year",
    Kind.WORKPLACE: "workplace.dialogue.min_per_year",
}
MAX_PEOPLE = 1_000_000


def action_for(kind: str) -> str:
    """A work visit is the visiting committee's record; the rest, the unit's."""
    return "visits.write" if kind == Kind.VISIT else "mobilisation.write"


@dataclass
class MeetingData:
    kind: str
    date: dt.date
    place: str
    chair: str
    led_by: str = ""
    participants: dict[str, int] = field(default_factory=dict)
    topics: list[str] = field(default_factory=list)
    summary: str = ""


def kinds_for(user: Any, unit: Unit) -> list[str]:
    """The kinds of meeting `user` may record at `unit`."""
    return [
        kind
        for kind in Kind.values
        if unit.kind in WHERE[kind] and can(user, action_for(kind), path=unit.path)
    ]


def _validate(unit: Unit, data: MeetingData) -> None:
    if data.kind not in Kind.values:
        raise DomainError(_("Loại hội nghị không hợp lệ."), field="kind")
    if unit.kind not in WHERE[data.kind]:
        raise DomainError(
            _("“%(kind)s” không tổ chức ở %(unit)s.")
            % {"kind": Kind(data.kind).label, "unit": unit.name},
            field="kind",
        )
    first = rules.first_day(RULES[data.kind]) if data.kind in RULES else None
    if first is not None and data.date < first:
        raise DomainError(
            _("Ngày phải từ %(day)s trở đi: trước đó chưa có quy định áp dụng.")
            % {"day": vn_date(first)},
            field="date",
        )
    if data.date > latest_day(future=False) or data.date.year < 2000:
        raise DomainError(_("Ngày họp phải là một ngày đã qua hoặc hôm nay."), field="date")
    if not data.place.strip():
        raise DomainError(_("Cần ghi địa điểm."), field="place")
    if not data.chair.strip():
        raise DomainError(_("Cần ghi người chủ trì."), field="chair")
    for group, n in data.participants.items():
        if group not in Group.values or not 0 <= n <= MAX_PEOPLE:
            raise DomainError(_("Số người tham dự không hợp lệ."), field=f"people_{group}")
    if not all(catalogue.is_topic(t) for t in data.topics):
        raise DomainError(_("Chủ đề không hợp lệ."), field="topics")
    check_lengths_of(Meeting, data, "place", "chair", "led_by", "summary")


def meeting_create(*, actor: Any, unit: Unit, data: MeetingData) -> Meeting:
    if not can(actor, action_for(data.kind), path=unit.path):
        raise DomainError(_("Bạn không có quyền ghi loại hội nghị này ở đơn vị này."), field="kind")
    _validate(unit, data)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            kind=data.kind,
            unit=unit,
            date=data.date,
            place=data.place.strip(),
            chair=data.chair.strip(),
            led_by=data.led_by.strip(),
            participants={g: n for g, n in data.participants.items() if n},
            topics=sorted(set(data.topics)),
            summary=data.summary.strip(),
            created_by=audit.acting_user(actor),
        )
        audit.log_create(actor=actor, obj=meeting, unit_id=unit.pk)
        indicators.touched("dialogues", unit.pk, [meeting.date])
    return meeting


def check_writer(actor: Any, meeting: Meeting) -> None:
    if not can(actor, action_for(meeting.kind), path=meeting.unit.path):
        raise DomainError(_("Bạn không có quyền ghi vào hội nghị này."), field="text")


@dataclass
class ItemData:
    text: str
    topic: str = catalogue.OTHER
    asker_name: str = ""
    asker_contact: str = ""
    answer: str = ""
    forwarded_to: Unit | None = None
    # What was promised in answer (or asked of the unit, for a conclusion).
    commitment: Promise | None = None


def _check_competent(meeting: Meeting, unit: Unit) -> None:
    """A question goes to a body in the meeting's province (the province itself, its
    agencies, a commune): the resident's contact travels with it no further."""
    province = meeting.unit.path.strip("/").split("/")[0]
    if unit.kind in COMMUNITY_KINDS or unit.path.strip("/").split("/")[0] != province:
        raise DomainError(
            _("Cơ quan có thẩm quyền phải là đơn vị trong tỉnh (không phải thôn, tổ)."),
            field="forwarded_to",
        )


def item_add(*, actor: Any, meeting: Meeting, data: ItemData) -> Item:
    """A question raised (and the answer given), or a work visit's conclusion; its
    commitment, question forwarded or request becomes a follow-up."""
    check_writer(actor, meeting)
    if not data.text.strip():
        raise DomainError(_("Cần ghi nội dung."), field="text")
    if not catalogue.is_topic(data.topic):
        raise DomainError(_("Lĩnh vực không hợp lệ."), field="topic")
    if data.forwarded_to is not None:
        _check_competent(meeting, data.forwarded_to)
    check_lengths_of(Item, data, "text", "asker_name", "asker_contact", "answer")
    if data.commitment is not None:
        check_promise(data.commitment)
    with transaction.atomic():
        last = meeting.items.aggregate(n=Max("number"))["n"] or 0
        followup = None
        if data.commitment is not None:
            followup = followup_create(
                actor=actor, origin=meeting, label=meeting.label, promise=data.commitment
            )
        item = Item.objects.create(
            meeting=meeting,
            number=last + 1,
            text=data.text.strip(),
            topic=data.topic,
            asker_name=data.asker_name.strip(),
            asker_contact=data.asker_contact.strip(),
            answer=data.answer.strip(),
            forwarded_to=data.forwarded_to,
            followup=followup,
        )
        audit.log_create(actor=actor, obj=item, unit_id=meeting.unit_id)
        indicators.touched("dialogues", meeting.unit_id, [meeting.date])
        if meeting.kind in QUESTION_KINDS:
            concerns.raised_many([raised_of(item)])
    return item


# Residents' questions count among their concerns: a dialogue's, a voter meeting's — not
# a work visit's conclusions, nor a workplace dialogue's (staff, not residents).
QUESTION_KINDS = PUBLIC_KINDS


def raised_of(item: Item) -> concerns.Raised:
    """What a question raised, for the concerns by topic (the recording official's field
    is the pick)."""
    meeting = item.meeting
    return concerns.Raised(
        record=item,
        channel=concerns.Channel.QUESTION,
        label=format_lazy(
            "{}, {:%d/%m/%Y}, #{}", Kind(meeting.kind).label, meeting.date, item.number
        ),
        url=f"{meeting.official_url}#item-{item.number}",
        unit=meeting.unit,
        on=meeting.date,
        text=item.text,
        picked=[item.topic],
    )


def commitment_add(*, actor: Any, meeting: Meeting, promise: Promise) -> FollowUp:
    """A commitment made at the meeting that answers no one question."""
    check_writer(actor, meeting)
    with transaction.atomic():
        return followup_create(actor=actor, origin=meeting, label=meeting.label, promise=promise)
