"""A visit at a citizen-reception session: what the visitor raised becomes a petition
(the sessions themselves, their schedule and check, in `coso.petitions.reception`)."""

from typing import Any

from django.db import transaction

from coso.concerns import selectors as concerns
from coso.core.limits import check_lengths
from coso.petitions.models import Channel, Kind, Petition, ReceptionSession, ReceptionVisit
from coso.petitions.services.common import check_handler
from coso.petitions.services.intake import Submission, petition_submit


def visit_record(
    *,
    actor: Any,
    session: ReceptionSession,
    visitor: str,
    kind: str,
    subject: str,
    description: str,
    contact: str = "",
    category: str = "",
    signers: int | None = 1,
) -> Petition:
    """Someone received at a session raised a matter: it becomes a petition. For a
    denunciation the visitor's name goes only into the encrypted identity. Only the
    unit's petition handlers record visits."""
    check_handler(actor, session.unit)
    check_lengths(ReceptionVisit, visitor=visitor)
    with transaction.atomic():
        petition = petition_submit(
            actor=actor,
            unit=session.unit,
            data=Submission(
                kind=kind,
                subject=subject,
                description=description,
                channel=Channel.RECEPTION,
                category=category or concerns.OTHER,
                signers=signers or 1,
                sender_name=visitor,
                sender_contact=contact,
                received_on=session.date,
            ),
        )
        ReceptionVisit.objects.create(
            session=session,
            petition=petition,
            visitor="" if kind == Kind.DENUNCIATION else visitor.strip(),
        )
    return petition
