"""The sender: a denouncer's identity, shown only to the assigned handler, and the
e-mail telling the sender of each step."""

from typing import Any

from django.utils.translation import gettext as _

from coso.core import audit
from coso.core.crypto import decrypt_json
from coso.core.errors import DomainError
from coso.core.permissions import can
from coso.notices.services import notify
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
