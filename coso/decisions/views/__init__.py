"""Pages for deciding matters: the village head's (on a phone) and the public's.

One module per kind of page: `matters` (a round's hub and life), `counting` (counting it
at the office), `public` (its published result), `voting` (households voting online).
Every view is re-exported here, so `views.X` in the URLconf reads as before."""

from coso.decisions.views.counting import (
    attendance,
    correct,
    count_encrypted,
    counts,
    key_in,
    matter_count,
)
from coso.decisions.views.matters import (
    code_sheet,
    matter_detail,
    matter_list,
    matter_new,
    matter_open,
    matter_publish,
    matter_void,
    minutes_file,
    share_saved,
)
from coso.decisions.views.public import public_result, receipt_check, round_record
from coso.decisions.views.voting import vote, vote_signed_in

__all__ = [
    "attendance",
    "code_sheet",
    "correct",
    "count_encrypted",
    "counts",
    "key_in",
    "matter_count",
    "matter_detail",
    "matter_list",
    "matter_new",
    "matter_open",
    "matter_publish",
    "matter_void",
    "minutes_file",
    "public_result",
    "receipt_check",
    "round_record",
    "share_saved",
    "vote",
    "vote_signed_in",
]
