"""Petitions from intake to closing: every step a status change with actor, time and
note; every deadline from the rulebook, frozen on the day the petition was received.

Intake in `intake`, the handling steps in `handling`, the sender's identity and the
notices telling them of each step (and their choice of channel) in `sender`, what every
step shares in `common`.
Callers use `coso.petitions.services.<name>`; `suspension` takes its steps through the
private `_move`, `_event` and `_notify_sender`, re-exported here for it."""

from coso.petitions.services.clients import (
    open311_client_for_key,
    open311_client_issue,
    open311_client_posted,
    open311_client_revoke,
)
from coso.petitions.services.common import CLOCKS, HANDLING_KINDS, _event, check_handler
from coso.petitions.services.handling import (
    STEPS,
    Step,
    _move,
    petition_accept,
    petition_extend,
    petition_refuse,
    petition_resolve,
    petition_transfer,
)
from coso.petitions.services.intake import (
    CODE_LENGTH,
    Submission,
    new_tracking_code,
    petition_submit,
)
from coso.petitions.services.sender import (
    _notify_sender,
    identity_view,
    sender_notices,
    sender_notices_choose,
)
from coso.petitions.services.visits import visit_record

__all__ = [
    "CLOCKS",
    "CODE_LENGTH",
    "HANDLING_KINDS",
    "STEPS",
    "Step",
    "Submission",
    "_event",
    "_move",
    "_notify_sender",
    "check_handler",
    "identity_view",
    "new_tracking_code",
    "open311_client_for_key",
    "open311_client_issue",
    "open311_client_posted",
    "open311_client_revoke",
    "petition_accept",
    "petition_extend",
    "petition_refuse",
    "petition_resolve",
    "petition_submit",
    "petition_transfer",
    "sender_notices",
    "sender_notices_choose",
    "visit_record",
]
