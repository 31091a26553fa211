"""The round's verification record, and its check that needs no key."""

from collections.abc import Sequence
from dataclasses import dataclass
from math import gcd
from typing import Any

from django.utils.translation import gettext as _

from coso.decisions.crypto.keys import PublicKey, _hex, _int
from coso.decisions.crypto.tally import Aggregate, Ballot, Decryption, _sum_columns

RECORD_FORMAT = "coso-verification-record/1"


@dataclass(frozen=True)
class Group:
    """The ballots of some ballot boxes (a village, or villages too small to be
    decrypted alone) decrypted together, for a round counted village by village."""

    boxes: tuple[str, ...]
    total: Aggregate
    decryption: Decryption


def record_build(
    public_key: PublicKey,
    ballots: Sequence[Ballot],
    total: Aggregate,
    decryption: Decryption,
    *,
    options: Sequence[str] = (),
    seats: int = 1,
    boxes: Sequence[str] = (),
    groups: Sequence[Group] = (),
) -> dict[str, Any]:
    """The round's verification record: public key, every ballot (hash, ciphertexts,
    and in a round counted village by village its ballot box; nothing that names a
    household), the aggregate, the totals and their randomness — and each group of
    boxes decrypted apart, with its own aggregate, totals and randomness."""
    entries = [{"receipt": b.receipt, **b.to_dict()} for b in ballots]
    for entry, box in zip(entries, boxes, strict=False):
        entry["box"] = box
    return {
        "format": RECORD_FORMAT,
        "round": public_key.round,
        "public_key": public_key.to_dict(),
        "options": list(options),
        "seats": seats,
        "ballots": entries,
        **_decrypted(total, decryption),
        "groups": [{"boxes": list(g.boxes), **_decrypted(g.total, g.decryption)} for g in groups],
    }


def _decrypted(total: Aggregate, decryption: Decryption) -> dict[str, Any]:
    return {
        "aggregate": {
            "ballots": total.ballots,
            "ciphertexts": [_hex(c) for c in total.ciphertexts],
        },
        "totals": list(decryption.totals),
        "randomness": [_hex(r) for r in decryption.randomness],
    }


@dataclass(frozen=True)
class Verdict:
    problems: list[str]
    receipts: list[str]
    totals: list[int]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_record(doc: dict[str, Any]) -> Verdict:
    """Recomputes the aggregate from the published ballots and checks each published
    total against it with its randomness. Needs no key: anyone can run it."""
    try:
        return _verify(doc)
    except (KeyError, TypeError, ValueError) as error:
        return Verdict(
            problems=[_("Hồ sơ không đọc được: %(e)s") % {"e": error}], receipts=[], totals=[]
        )


def _verify(doc: dict[str, Any]) -> Verdict:
    problems: list[str] = []
    if doc.get("format") != RECORD_FORMAT:
        problems.append(_("Hồ sơ không đúng định dạng kiểm chứng của Coso."))
    public_key = PublicKey.from_dict(doc["public_key"])
    ballots = [Ballot.from_dict(b) for b in doc["ballots"]]
    for entry, ballot in zip(doc["ballots"], ballots, strict=True):
        if entry["receipt"] != ballot.receipt:
            problems.append(_("Biên nhận %(r)s không khớp với phiếu.") % {"r": entry["receipt"]})
    if any(b.round != public_key.round for b in ballots):
        problems.append(_("Có phiếu không thuộc vòng bỏ phiếu này."))
    seats = int(doc.get("seats", 1))
    totals = _check_sum(public_key, ballots, doc, seats, problems, _("toàn vòng"))
    boxes = [entry.get("box", "") for entry in doc["ballots"]]
    seen: set[str] = set()
    summed = [0] * len(totals)
    for group in doc.get("groups", []):
        name = ", ".join(group["boxes"])
        if seen & set(group["boxes"]):
            problems.append(_("Hòm phiếu %(b)s được giải mã hai lần.") % {"b": name})
        seen |= set(group["boxes"])
        inside = [b for b, box in zip(ballots, boxes, strict=True) if box in group["boxes"]]
        found = _check_sum(public_key, inside, group, seats, problems, name)
        summed = [a + b for a, b in zip(summed, found, strict=True)]
    # The groups cover every box (their totals add up to the round's) or leave out the
    # boxes too small to decrypt apart (their totals stay within the round's).
    covered = set(boxes) <= seen
    if doc.get("groups") and (
        summed != totals if covered else any(map(int.__gt__, summed, totals))
    ):
        problems.append(_("Kết quả các hòm phiếu cộng lại không bằng kết quả toàn vòng."))
    return Verdict(problems=problems, receipts=[b.receipt for b in ballots], totals=totals)


def _check_sum(
    public_key: PublicKey,
    ballots: Sequence[Ballot],
    part: dict[str, Any],
    seats: int,
    problems: list[str],
    name: str,
) -> list[int]:
    """Check one decrypted aggregate (`part`: the whole round's, or a group's) against
    the ballots it sums: recompute the sum, then each total with its randomness. Every
    ballot marks at least one option and at most `seats`."""
    n = public_key.n
    published = [_int(c) for c in part["aggregate"]["ciphertexts"]]
    totals, randomness = [int(t) for t in part["totals"]], [_int(r) for r in part["randomness"]]
    if not ballots or _sum_columns(public_key, [b.ciphertexts for b in ballots]) != tuple(
        published
    ):
        problems.append(_("Tổng mã hoá không khớp với các phiếu đã công bố (%(p)s).") % {"p": name})
    count = len(ballots)
    if int(part["aggregate"]["ballots"]) != count or not count <= sum(totals) <= seats * count:
        problems.append(_("Số phiếu và tổng kết quả không khớp nhau (%(p)s).") % {"p": name})
    key = public_key.phe
    for position, (c, m, r) in enumerate(zip(published, totals, randomness, strict=True)):
        valid = 0 <= m <= count and 0 < r < n and gcd(r, n) == 1
        if not valid or key.raw_encrypt(m, r_value=r) != c:
            problems.append(
                _("Kết quả của lựa chọn thứ %(i)s không khớp với tổng mã hoá (%(p)s).")
                % {"i": position + 1, "p": name}
            )
    return totals
