"""The decisions app's part of the permission test (tests/test_permissions.py): village
A's matters in each state (a meeting, an open ballot round, a published meeting, an open
and a published encrypted round), and an example for each of its pages — the URL's
arguments and the unit its record lives in (None: no record)."""

from typing import Any

from coso.decisions import services as decisions
from coso.decisions.crypto import RECORD_FORMAT
from coso.decisions.models import OnlineOptIn, RoundKey

BOARD = ["Lò Văn An", "Tòng Thị Bình", "Quàng Văn Cường"]


def records(w: Any) -> dict[str, Any]:
    head, village = w.head, w.tree.village_a
    OnlineOptIn.objects.create(unit=village, household=w.household)
    meeting = decisions.matter_create(
        actor=head, unit=village, matter_type="6", title="Ngày hội bản"
    )
    ballots = decisions.matter_create(
        actor=head, unit=village, matter_type="6", title="Phiếu", method="ballot"
    )
    decisions.matter_open(actor=head, matter=ballots)
    return {
        "meeting": meeting,
        "ballots": ballots,
        "published": _published(head, village, w.household),
        **_encrypted(head, village),
    }


def _published(head: Any, village: Any, household: Any) -> Any:
    published = decisions.matter_create(
        actor=head, unit=village, matter_type="6", title="Đã công bố"
    )
    decisions.matter_open(actor=head, matter=published)
    decisions.attendance_record(actor=head, matter=published, household_ids=[household.pk])
    decisions.tally_record(actor=head, matter=published, counts={"yes": 1})
    decisions.matter_count(actor=head, matter=published)
    decisions.matter_publish(actor=head, matter=published)
    return published


def _encrypted(head: Any, village: Any) -> dict[str, Any]:
    rounds = []
    for title in ("Phiếu kín mã hoá", "Phiếu kín mã hoá đã công bố"):
        matter = decisions.matter_create(
            actor=head,
            unit=village,
            matter_type="6",
            title=title,
            method="ballot",
            secret=True,
            counting_board=BOARD,
        )
        decisions.matter_open(actor=head, matter=matter)
        rounds.append(matter)
    encrypted, counted = rounds
    decisions.matter_count_encrypted(actor=head, matter=counted, shares=counted.board_shares[:2])
    decisions.matter_publish(actor=head, matter=counted)
    # The record of a round with online ballots (tested in coso/decisions/tests): here
    # only who may download it.
    RoundKey.objects.filter(matter=counted).update(record={"format": RECORD_FORMAT})
    return {"encrypted": encrypted, "counted": counted}


PAGES = {
    "decisions:list": lambda w, u: ({"code": w.tree.village_a.code}, w.tree.village_a),
    "decisions:new": lambda w, u: ({"code": w.tree.village_a.code}, w.tree.village_a),
    "decisions:public_result": lambda w, u: ({"pk": w.published.pk}, None),
    "decisions:vote": lambda w, u: ({}, None),
    # A signed-in household's own round (anyone else is sent to sign in first).
    "decisions:vote_signed_in": lambda w, u: ({"pk": w.ballots.pk}, None),
    "decisions:codes": lambda w, u: ({"pk": w.ballots.pk}, w.tree.village_a),
    "decisions:count_encrypted": lambda w, u: ({"pk": w.encrypted.pk}, w.tree.village_a),
    "decisions:share_saved": lambda w, u: (
        {"pk": w.encrypted.pk, "index": 1},
        w.tree.village_a,
    ),
    "decisions:round_record": lambda w, u: ({"pk": w.counted.pk}, None),
    "decisions:receipt_check": lambda w, u: ({"pk": w.counted.pk}, None),
}
# The matter pages all take the meeting's id.
for _name in [
    "matter",
    "open",
    "attendance",
    "counts",
    "key_in",
    "count",
    "publish",
    "void",
    "correct",
    "minutes",
    "minutes_print",
]:
    PAGES[f"decisions:{_name}"] = lambda w, u: ({"pk": w.meeting.pk}, w.tree.village_a)
