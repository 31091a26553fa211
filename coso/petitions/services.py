"""Petitions from intake to closing: every step a status change with actor, time and
note; every deadline from the rulebook, frozen on the day the petition was received."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from coso import rules
from coso.core import audit, indicators
from coso.core.codes import random_code
from coso.core.crypto import decrypt_json, encrypt_json
from coso.core.errors import DomainError
from coso.core.limits import check_lengths, check_lengths_of
from coso.core.permissions import can
from coso.core.transitions import transition
from coso.core.uploads import check_uploads, stored_files
from coso.notices.services import notify
from coso.people.services import province_id_of
from coso.petitions.models import (
    Action,
    Attachment,
    Category,
    Channel,
    Event,
    Kind,
    Petition,
    Status,
)
from coso.rules.services import RuleMissing
from coso.units.selectors import COMMUNITY_KINDS, Unit, UnitKind

CODE_LENGTH = 10
HANDLING_KINDS = (UnitKind.COMMUNE, UnitKind.PROVINCE, UnitKind.AGENCY)

# (accept or refuse, resolve) rule codes per kind (DOMAIN.md, "Petitions").
CLOCKS: dict[tuple[str, int], tuple[str, str]] = {
    (Kind.FEEDBACK, 1): ("reception.reply", "feedback.resolve"),
    (Kind.COMPLAINT, 1): ("complaint.first.accept", "complaint.first.resolve"),
    (Kind.COMPLAINT, 2): ("complaint.second.accept", "complaint.second.resolve"),
    (Kind.DENUNCIATION, 1): ("denunciation.intake", "denunciation.resolve"),
}


@dataclass
class Submission:
    kind: str
    subject: str
    description: str
    channel: str = Channel.PORTAL
    category: str = Category.OTHER
    complaint_round: int = 1
    sender_name: str = ""
    sender_contact: str = ""
    village: Unit | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: str = ""
    remote_area: bool = False
    received_on: dt.date | None = None
    files: Sequence[UploadedFile] = field(default_factory=tuple)
    household: Any = None  # the household signed in that sends it (coso.residents)


def new_tracking_code() -> str:
    """Ten symbols from 31 (no 0/O, 1/I/L): about 8·10^14 codes, not guessable."""
    return random_code(CODE_LENGTH)


def check_handler(actor: Any, unit: Unit) -> None:
    """Only the unit's petition handlers record and move its petitions."""
    if not can(actor, "petitions.write", path=unit.path):
        raise DomainError(_("Bạn không có quyền xử lý đơn thư của đơn vị này."), field="unit")


def _validate(unit: Unit, data: Submission) -> None:
    if unit.kind not in HANDLING_KINDS:
        raise DomainError(_("Hãy chọn xã, phường nơi gửi đơn."), field="unit")
    if (data.kind, data.complaint_round) not in CLOCKS:
        raise DomainError(
            _("Hãy chọn loại đơn: phản ánh, kiến nghị; khiếu nại; tố cáo."), field="kind"
        )
    if data.category not in Category.values:
        raise DomainError(_("Lĩnh vực không hợp lệ."), field="category")
    check_lengths_of(
        Petition, data, "subject", "description", "address", "sender_name", "sender_contact"
    )
    if not data.subject.strip() or not data.description.strip():
        raise DomainError(_("Hãy ghi tiêu đề và nội dung."), field="description")
    if data.village and not (
        data.village.kind in COMMUNITY_KINDS and data.village.parent_id == unit.pk
    ):
        raise DomainError(_("Thôn, tổ dân phố không thuộc xã đã chọn."), field="village")
    if data.kind == Kind.DENUNCIATION and not data.sender_name.strip():
        # A denunciation names its sender (LD art. 23); the name is kept secret.
        raise DomainError(
            _("Đơn tố cáo phải ghi họ tên người tố cáo; thông tin này được giữ bí mật."),
            field="sender_name",
        )
    if data.latitude is not None and not -90 <= data.latitude <= 90:
        raise DomainError(_("Vĩ độ không hợp lệ."), field="latitude")
    if data.longitude is not None and not -180 <= data.longitude <= 180:
        raise DomainError(_("Kinh độ không hợp lệ."), field="longitude")


def _event(petition: Petition, actor: Any, action: str, note: str = "") -> Event:
    check_lengths(Event, note=note)
    # Every step changes what the petition counts as (received, accepted, resolved…).
    indicators.touched(
        "petitions",
        petition.unit_id,
        [petition.received_on, petition.accepted_on, petition.closed_on],
    )
    return Event.objects.create(
        petition=petition,
        status=petition.status,
        action=action,
        note=note,
        due_on=petition.next_due,
        actor=audit.acting_user(actor),
    )


def _received_on(data: Submission) -> dt.date:
    today = timezone.localdate()
    received = data.received_on or today
    if received > today:
        raise DomainError(_("Ngày nhận đơn không được sau hôm nay."), field="received_on")
    return received


def petition_submit(*, actor: Any, unit: Unit, data: Submission) -> Petition:
    """Receive a petition; the sender gets a tracking code. The deadline to accept or
    refuse runs from the day it was received, by the rules in force that day.

    `actor` is None when the sender sends it themselves (the public form, Open311); an
    official recording one (in person, by letter, at a reception session) must be one
    of the unit's handlers."""
    if actor is not None:
        check_handler(actor, unit)
    _validate(unit, data)
    file_types = check_uploads(data.files)
    received = _received_on(data)
    deadlines = _deadlines(data, received)
    sender = _sender(data)
    with transaction.atomic():
        petition = Petition.objects.create(
            tracking_code=new_tracking_code(),
            kind=data.kind,
            category=data.category,
            complaint_round=data.complaint_round,
            subject=data.subject.strip(),
            description=data.description.strip(),
            unit=unit,
            province_id=province_id_of(unit),
            village=data.village,
            latitude=data.latitude,
            longitude=data.longitude,
            address=data.address.strip(),
            channel=data.channel,
            **sender,
            received_on=received,
            remote_area=data.remote_area,
            household=data.household,
            **deadlines,
        )
        for fields in stored_files(data.files, file_types):
            Attachment.objects.create(petition=petition, **fields)
        _event(petition, actor, Action.RECEIVED)
        audit.log_create(actor=actor, obj=petition, unit_id=unit.pk)
        _notify_sender(petition, _("Đã tiếp nhận"))
    return petition


def _deadlines(data: Submission, received: dt.date) -> dict[str, Any]:
    """The deadline to accept or refuse, by the rule in force on the day received, and
    the codes of the rules that will time the petition, frozen with that day."""
    accept_code, resolve_code = CLOCKS[(data.kind, data.complaint_round)]
    try:
        accept_due = rules.due_date(accept_code, received)
    except RuleMissing as error:
        raise DomainError(error.message, field="received_on") from error
    return {
        "accept_due": accept_due,
        "next_due": accept_due,
        "rules": {"accept": accept_code, "resolve": resolve_code, "on": received.isoformat()},
    }


def _sender(data: Submission) -> dict[str, str]:
    """Who sent it, as stored: a denunciation's sender is kept secret, only encrypted."""
    secret = data.kind == Kind.DENUNCIATION
    identity = {"name": data.sender_name.strip(), "contact": data.sender_contact.strip()}
    return {
        "sender_name": "" if secret else identity["name"],
        "sender_contact": "" if secret else identity["contact"],
        "identity": encrypt_json(identity) if secret else "",
    }


def _rule_day(petition: Petition) -> dt.date:
    """The day whose rules govern the petition: the day it was received."""
    return dt.date.fromisoformat(petition.rules["on"])


def _resolve_due(petition: Petition, start: dt.date) -> dt.date:
    return rules.due_date(
        petition.rules["resolve"],
        start,
        remote_area=petition.remote_area,
        complex_case=petition.complex_case,
        on=_rule_day(petition),
        suspended_days=petition.suspended_days,  # days a suspension stopped the clock
    )


class Step(NamedTuple):
    """A step that only moves the petition on: the states it starts from, the state it
    leads to (None: it stays where it is), and what the sender is told."""

    start: tuple[str, ...]
    to: str | None
    told: str  # translated when told


STEPS: dict[str, Step] = {
    Action.ACCEPTED: Step((Status.RECEIVED,), Status.ACCEPTED, gettext_noop("Đã thụ lý")),
    Action.REFUSED: Step((Status.RECEIVED,), Status.REFUSED, gettext_noop("Không thụ lý")),
    Action.EXTENDED: Step((Status.ACCEPTED,), None, gettext_noop("Gia hạn giải quyết")),
    Action.RESOLVED: Step((Status.ACCEPTED,), Status.RESOLVED, gettext_noop("Đã giải quyết")),
}


def _step(actor: Any, petition: Petition, action: str, note: str, **fields: Any) -> Petition:
    """Take one of the `STEPS`, setting `fields` too: move the petition (`_move`), record
    the step in its history and tell the sender, in one transaction."""
    step = STEPS[action]
    if step.to is not None:
        fields = {"status": step.to, **fields}
    with transaction.atomic():
        _move(actor, petition, step.start, **fields)
        _event(petition, actor, action, note)
        _notify_sender(petition, _(step.told))
    return petition


def _closing(day: dt.date, due: dt.date | None) -> dict[str, Any]:
    """What closing the petition on `day` sets: the day, no deadline left, and whether
    it closed by `due`."""
    return {"closed_on": day, "next_due": None, "on_time": bool(due and day <= due)}


def _move(actor: Any, petition: Petition, old: tuple[str, ...], **fields: Any) -> None:
    """Apply `fields` only if the petition is still in one of `old` (a conditional
    update: two officials acting at once cannot both win), and audit it."""
    check_handler(actor, petition.unit)
    transition(
        petition,
        actor=actor,
        from_states=old,
        fields=fields,
        # An extension counts from the extensions the official saw.
        where={"extensions": petition.extensions},
        message=_("Đơn này vừa được xử lý hoặc không còn ở bước này; hãy tải lại."),
    )


def petition_accept(
    *,
    actor: Any,
    petition: Petition,
    on: dt.date | None = None,
    complex_case: bool = False,
    note: str = "",
) -> Petition:
    """Accept (thụ lý): the resolution period starts, by kind, complexity and remote area."""
    day = on or timezone.localdate()
    petition.complex_case = complex_case
    due = _resolve_due(petition, day)
    return _step(
        actor,
        petition,
        Action.ACCEPTED,
        note,
        accepted_on=day,
        due_on=due,
        next_due=due,
        complex_case=complex_case,
        handler=audit.acting_user(actor),
    )


def petition_refuse(
    *, actor: Any, petition: Petition, reason: str, on: dt.date | None = None
) -> Petition:
    """Refuse to accept, with the legal reason the sender is told."""
    if not reason.strip():
        raise DomainError(_("Không thụ lý phải nêu rõ lý do theo quy định."), field="reason")
    day = on or timezone.localdate()
    return _step(
        actor, petition, Action.REFUSED, reason.strip(), **_closing(day, petition.accept_due)
    )


def petition_transfer(
    *, actor: Any, petition: Petition, to_unit: Unit, note: str = "", on: dt.date | None = None
) -> Petition:
    """Send the petition to the competent unit, where its intake clock starts again."""
    if to_unit.pk == petition.unit_id or to_unit.kind not in HANDLING_KINDS:
        raise DomainError(_("Hãy chọn đơn vị có thẩm quyền khác."), field="to_unit")
    day = on or timezone.localdate()
    accept_due = rules.due_date(petition.rules["accept"], day, on=_rule_day(petition))
    with transaction.atomic():
        # The petition leaves the figures of the unit it was sent to first.
        indicators.touched("petitions", petition.unit_id, [petition.received_on])
        _move(
            actor,
            petition,
            (Status.RECEIVED, Status.ACCEPTED),  # a suspended complaint is continued first
            unit=to_unit,
            status=Status.RECEIVED,
            province_id=province_id_of(to_unit),
            accept_due=accept_due,
            next_due=accept_due,
            accepted_on=None,
            due_on=None,
            handler=None,
        )
        _event(
            petition,
            actor,
            "transferred",
            note or _("Chuyển đến %(unit)s") % {"unit": to_unit.name},
        )
        _notify_sender(petition, _("Đã chuyển đơn vị có thẩm quyền"))
    return petition


def _extended_due(petition: Petition, very_complex: bool) -> tuple[dt.date, int, bool]:
    """The new deadline, the count of extensions and the complexity, within the law's
    maximum; DomainError past it."""
    assert petition.due_on and petition.accepted_on
    day = _rule_day(petition)
    if petition.kind == Kind.DENUNCIATION:
        # LD art. 30: one extension for a complex case, two for a very complex one.
        limits = rules.value("denunciation.extension", on=day)
        allowed = limits[
            "max_extensions_very_complex" if very_complex else "max_extensions_complex"
        ]
        if petition.extensions >= allowed:
            raise DomainError(
                _("Đã gia hạn %(n)s lần, tối đa theo luật; không gia hạn thêm được.")
                % {"n": petition.extensions},
                field="reason",
            )
        due = rules.due_date("denunciation.extension", petition.due_on, on=day)
        return due, petition.extensions + 1, True
    # Complaints (LC arts. 28, 37) and feedback: a complex case gets the longer period, once.
    if petition.complex_case:
        raise DomainError(
            _("Đã áp dụng thời hạn tối đa cho vụ việc phức tạp; không gia hạn thêm được."),
            field="reason",
        )
    petition.complex_case = True
    return _resolve_due(petition, petition.accepted_on), petition.extensions + 1, True


def petition_extend(
    *, actor: Any, petition: Petition, reason: str, very_complex: bool = False
) -> Petition:
    """Extend the resolution period for a complex case, within the legal maximum."""
    if not reason.strip():
        raise DomainError(_("Gia hạn phải nêu rõ lý do."), field="reason")
    if petition.status != Status.ACCEPTED:
        raise DomainError(_("Chỉ gia hạn đơn đã thụ lý và đang giải quyết."))
    due, count, complex_case = _extended_due(petition, very_complex)
    return _step(
        actor,
        petition,
        Action.EXTENDED,
        reason.strip(),
        due_on=due,
        next_due=due,
        extensions=count,
        complex_case=complex_case,
    )


def petition_resolve(
    *, actor: Any, petition: Petition, resolution: str, on: dt.date | None = None
) -> Petition:
    if not resolution.strip():
        raise DomainError(_("Hãy ghi kết quả giải quyết."), field="resolution")
    day = on or timezone.localdate()
    return _step(
        actor,
        petition,
        Action.RESOLVED,
        resolution.strip(),
        resolution=resolution.strip(),
        **_closing(day, petition.due_on),
    )


def identity_view(*, actor: Any, petition: Petition) -> dict[str, Any]:
    """A denouncer's identity, for the assigned handler only; every view is audited."""
    assigned = petition.handler_id == getattr(actor, "pk", None)
    allowed = can(actor, "identity.read", path=petition.unit.path)
    if petition.kind != Kind.DENUNCIATION or not (assigned and allowed):
        raise DomainError(_("Chỉ người được giao giải quyết mới xem được thông tin người tố cáo."))
    audit.log_event(
        actor=actor,
        model="petitions.identity",
        record=petition,
        changes={"viewed": True},
    )
    return decrypt_json(petition.identity)


def _contact_email(petition: Petition) -> str:
    contact = (
        decrypt_json(petition.identity).get("contact", "")
        if petition.kind == Kind.DENUNCIATION
        else petition.sender_contact
    )
    return contact if "@" in contact else ""


def _notify_sender(petition: Petition, what: str) -> None:
    """Tell the sender, when they gave an e-mail address, of the step (through the
    outbox, in the step's transaction)."""
    code = petition.tracking_code
    notify(
        key=f"petition-sender:{petition.pk}:{petition.events.count()}",  # one per step
        to=_contact_email(petition),
        subject=_("[Coso] Đơn %(code)s: %(what)s") % {"code": code, "what": what},
        body=_(
            "Đơn của bạn (mã %(code)s) vừa chuyển sang bước: %(what)s. Theo dõi tại trang "
            "tra cứu đơn bằng mã này."
        )
        % {"code": code, "what": what},
    )
