"""Writes for matters put to households (or staff): the round's life in `matters`, what
is counted at meetings and the outcome in `counting`, ballots and codes in `ballots`. Callers use `coso.decisions.services.<name>`."""

from coso.decisions.services.ballots import (
    ballots_key_in,
    code_for_vote,
    code_of_household,
    code_sheet_view,
    online_opt_in,
    vote_online,
    vote_signed_in,
)
from coso.decisions.services.counting import (
    attendance_record,
    matter_correct,
    present_count,
    tally_counts,
    tally_record,
)
from coso.decisions.services.encrypted import board_member_confirm
from coso.decisions.services.matters import (
    board_needed,
    matter_count,
    matter_count_encrypted,
    matter_create,
    matter_open,
    matter_publish,
    matter_void,
)
from coso.decisions.services.paper import paper_ballots_key_in, stubs_key_in

__all__ = [
    "attendance_record",
    "board_needed",
    "board_member_confirm",
    "ballots_key_in",
    "code_for_vote",
    "code_of_household",
    "code_sheet_view",
    "matter_correct",
    "matter_count",
    "matter_count_encrypted",
    "matter_create",
    "matter_open",
    "matter_publish",
    "matter_void",
    "online_opt_in",
    "paper_ballots_key_in",
    "present_count",
    "stubs_key_in",
    "tally_counts",
    "tally_record",
    "vote_online",
    "vote_signed_in",
]
