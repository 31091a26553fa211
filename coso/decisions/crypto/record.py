"""The round's verification record, and its check that needs no key."""

from collections.abc import Sequence
from dataclasses import dataclass
from math import gcd
from typing import Any

from django.utils.translation import gettext as _

from coso.decisions.crypto.keys import PublicKey, _hex, _int
from coso.decisions.crypto.tally import Aggregate, Ballot, Decryption, _sum_columns

RECORD_FORMAT = "coso-verification-record/1"


def record_build(
    public_key: PublicKey,
    ballots: Sequence[Ballot],
    total: Aggregate,
    decryption: Decryption,
    *,
    options: Sequence[str] = (),
) -> dict[str, Any]:
    """The round's verification record: public key, every ballot (hash, ciphertexts;
    nothing that names a household), the aggregate, the totals and their randomness."""
    return {
        "format": RECORD_FORMAT,
        "round": public_key.round,
        "public_key": public_key.to_dict(),
        "options": list(options),
        "ballots": [{"receipt": b.receipt, **b.to_dict()} for b in ballots],
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
    n, ballots = public_key.n, [Ballot.from_dict(b) for b in doc["ballots"]]
    for entry, ballot in zip(doc["ballots"], ballots, strict=True):
        if entry["receipt"] != ballot.receipt:
            problems.append(_("Biên nhận %(r)s không khớp với phiếu.") % {"r": entry["receipt"]})
    if any(b.round != public_key.round for b in ballots):
        problems.append(_("Có phiếu không thuộc vòng bỏ phiếu này."))
    published = [_int(c) for c in doc["aggregate"]["ciphertexts"]]
    totals, randomness = [int(t) for t in doc["totals"]], [_int(r) for r in doc["randomness"]]
    if _sum_columns(public_key, [b.ciphertexts for b in ballots]) != tuple(published):
        problems.append(_("Tổng mã hoá không khớp với các phiếu đã công bố."))
    if int(doc["aggregate"]["ballots"]) != len(ballots) or sum(totals) != len(ballots):
        problems.append(_("Số phiếu và tổng kết quả không khớp nhau."))
    key = public_key.phe
    for position, (c, m, r) in enumerate(zip(published, totals, randomness, strict=True)):
        valid = 0 <= m <= len(ballots) and 0 < r < n and gcd(r, n) == 1
        if not valid or key.raw_encrypt(m, r_value=r) != c:
            problems.append(
                _("Kết quả của lựa chọn thứ %(i)s không khớp với tổng mã hoá.")
                % {"i": position + 1}
            )
    return Verdict(problems=problems, receipts=[b.receipt for b in ballots], totals=totals)
