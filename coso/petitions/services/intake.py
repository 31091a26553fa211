"""Intake: a petition received, checked, given its tracking code and the deadline to
accept or refuse by the rules in force on the day it was received."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from coso import rules
from coso.concerns import selectors as catalogue
from coso.concerns import services as concerns
from coso.core import audit
from coso.core.codes import random_code
from coso.core.crypto import encrypt_json
from coso.core.errors import DomainError
from coso.core.limits import check_lengths_of
from coso.core.uploads import check_uploads, stored_files
from coso.people.services import province_id_of
from coso.petitions.models import SIGNERS_MAX, Action, Attachment, Channel, Kind, Petition
from coso.petitions.services.common import CLOCKS, HANDLING_KINDS, _event, check_handler
from coso.petitions.services.sender import _notify_sender
from coso.rules.services import RuleMissing
from coso.units.selectors import COMMUNITY_KINDS, Unit

CODE_LENGTH = 10


@dataclass
class Submission:
    kind: str
    subject: str
    description: str
    channel: str = Channel.PORTAL
    category: str = catalogue.OTHER  # a topic code of the catalogue, not retired
    complaint_round: int = 1
    signers: int = 1  # how many people signed it together
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
    open311_client: Any = None  # the Open311 client application that posted it


def new_tracking_code() -> str:
    """Ten symbols from 31 (no 0/O, 1/I/L): about 8·10^14 codes, not guessable."""
    return random_code(CODE_LENGTH)


def _validate(unit: Unit, data: Submission) -> None:
    if unit.kind not in HANDLING_KINDS:
        raise DomainError(_("Hãy chọn xã, phường nơi gửi đơn."), field="unit")
    if (data.kind, data.complaint_round) not in CLOCKS:
        raise DomainError(
            _("Hãy chọn loại đơn: phản ánh, kiến nghị; khiếu nại; tố cáo."), field="kind"
        )
    if not catalogue.is_topic(data.category):
        raise DomainError(_("Lĩnh vực không hợp lệ."), field="category")
    if not 1 <= data.signers <= SIGNERS_MAX:
        raise DomainError(
            _("Số người cùng ký đơn phải từ 1 đến %(n)s.") % {"n": SIGNERS_MAX}, field="signers"
        )
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
            signers=data.signers,
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
            open311_client=data.open311_client,
            **deadlines,
        )
        for fields in stored_files(data.files, file_types):
            Attachment.objects.create(petition=petition, **fields)
        _event(petition, actor, Action.RECEIVED)
        audit.log_create(actor=actor, obj=petition, unit_id=unit.pk)
        concerns.raised_many([raised_of(petition)])
        _notify_sender(petition, _("Đã tiếp nhận"))
    return petition


def raised_of(petition: Petition) -> concerns.Raised:
    """What the petition raised, for the concerns by topic (the sender's field is their
    pick). A denunciation counts too; its text stays in the petition."""
    reception = petition.channel == Channel.RECEPTION
    return concerns.Raised(
        record=petition,
        channel=concerns.Channel.RECEPTION if reception else concerns.Channel.PETITION,
        label=format_lazy("{} #{}", Kind(petition.kind).label, petition.pk),
        url=reverse("petitions:detail", args=[petition.pk]),
        unit=petition.unit,
        on=petition.received_on,
        text=f"{petition.subject}\n{petition.description}",
        household=petition.household_id,
        village=petition.village_id,
        people=getattr(petition, "signers", 1),
        picked=[petition.category],
    )


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
