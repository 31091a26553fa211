"""What every step shares: the units that handle petitions, the rule codes that time
each kind, who may act, and the record of a step in the petition's history."""

from typing import Any

from django.utils.translation import gettext as _

from coso.core import audit, indicators
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.core.permissions import can
from coso.petitions.models import Event, Kind, Petition
from coso.units.selectors import Unit, UnitKind

HANDLING_KINDS = (UnitKind.COMMUNE, UnitKind.PROVINCE, UnitKind.AGENCY)

# (accept or refuse, resolve) rule codes per kind (DOMAIN.md, "Petitions").
CLOCKS: dict[tuple[str, int], tuple[str, str]] = {
    (Kind.FEEDBACK, 1): ("reception.reply", "feedback.resolve"),
    (Kind.COMPLAINT, 1): ("complaint.first.accept", "complaint.first.resolve"),
    (Kind.COMPLAINT, 2): ("complaint.second.accept", "complaint.second.resolve"),
    (Kind.DENUNCIATION, 1): ("denunciation.intake", "denunciation.resolve"),
}


def check_handler(actor: Any, unit: Unit) -> None:
    """Only the unit's petition handlers record and move its petitions."""
    if not can(actor, "petitions.write", path=unit.path):
        raise DomainError(_("Bạn không có quyền xử lý đơn thư của đơn vị này."), field="unit")


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
