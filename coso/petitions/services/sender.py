"""The sender: a denouncer's identity, shown only to the assigned handler; the notice
telling the sender of each step, on the channel they chose on the tracking page."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from coso.core import audit
from coso.core.crypto import decrypt_json
from coso.core.errors import DomainError
from coso.core.permissions import can
from coso.notices.services import (
    masked_address,
    notify_resident,
    resident_choice,
    resident_choices,
    resident_choose,
    vn_mobile,
)
from coso.petitions.models import Kind, Petition


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


def _contact(petition: Petition) -> tuple[str, str]:
    """(phone, e-mail) the sender gave: a Vietnamese mobile number (normalised) or an
    e-mail address; a denouncer's, from the encrypted identity, never shown."""
    contact = (
        decrypt_json(petition.identity).get("contact", "")
        if petition.kind == Kind.DENUNCIATION
        else petition.sender_contact
    )
    return vn_mobile(contact), (contact.strip() if "@" in contact else "")


def recipient(petition: Petition) -> str:
    """Who the sender is to the outbox: known only by the petition's tracking code."""
    return f"petition:{petition.pk}"


def sender_notices(petition: Petition) -> dict[str, Any]:
    """What the tracking page offers the sender: their present choice, the choices their
    contact allows, and the contact masked — none for a denunciation, whose sender's
    identity stays secret from whoever holds the code (LD art. 9)."""
    phone, email = _contact(petition)
    secret = petition.kind == Kind.DENUNCIATION
    return {
        "choice": resident_choice(recipient(petition), phone=phone, email=email),
        "choices": resident_choices(phone=phone, email=email),
        "contact": "" if secret else masked_address(phone or email),
        "reachable": bool(phone or email),
    }


def sender_notices_choose(*, petition: Petition, choice: str) -> None:
    """The sender (holding the tracking code) chooses how to be told of each step, or
    stops being told: one of the choices their contact allows; audited, with no actor
    (whoever holds the code)."""
    phone, email = _contact(petition)
    if not (phone or email):
        raise DomainError(
            _("Đơn không có số điện thoại hay thư điện tử để gửi thông báo."), field="notices"
        )
    with transaction.atomic():
        resident_choose(recipient=recipient(petition), choice=choice, phone=phone, email=email)
        audit.log_event(
            actor=None, model="petitions.notices", record=petition, changes={"notices": choice}
        )


def _notify_sender(petition: Petition, what: str) -> None:
    """Tell the sender of the step (through the outbox, in the step's transaction) on
    the channel they chose — SMS or Zalo to a mobile number, e-mail to an address — or
    not at all when they stopped notices or gave no contact. Short enough for one or
    two SMS segments (an SMS is cut at `COSO_SMS_MAX_SEGMENTS`)."""
    code = petition.tracking_code
    phone, email = _contact(petition)
    notify_resident(
        recipient=recipient(petition),
        key=f"petition-sender:{petition.pk}:{petition.events.count()}",  # one per step
        phone=phone,
        email=email,
        subject=_("[Coso] Đơn %(code)s: %(what)s") % {"code": code, "what": what},
        body=_("Đơn %(code)s: %(what)s. Tra cứu đơn bằng mã này trên Coso.")
        % {"code": code, "what": what},
    )
