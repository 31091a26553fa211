"""Ballots encrypted one ciphertext per option, added while encrypted, and only the
sum decrypted with a quorum of the board's shares."""

import hashlib
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.utils.translation import gettext as _
from phe import paillier
from phe.util import invert, powmod

from coso.core.errors import DomainError
from coso.decisions.crypto.keys import PublicKey, RoundKeys, _hex, _int, _private_key


@dataclass(frozen=True)
class Ballot:
    """One encrypted ballot: one ciphertext per option. Its receipt is its hash."""

    round: str
    ciphertexts: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"round": self.round, "ciphertexts": [_hex(c) for c in self.ciphertexts]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Ballot":
        return cls(
            round=str(data["round"]), ciphertexts=tuple(_int(c) for c in data["ciphertexts"])
        )

    @property
    def receipt(self) -> str:
        """SHA-256 of the ballot's canonical JSON: what the voter finds on the list."""
        return _digest(self.to_dict())


def ballot_encrypt(public_key: PublicKey, chosen: int | Collection[int], options: int) -> Ballot:
    """The option chosen (an index of `options`; on an election ballot with several
    seats, the indices marked) as one fresh ciphertext per option, 1 where marked and
    0 elsewhere. Held in memory only: the caller stores the ballot, never the choice."""
    marked = {chosen} if isinstance(chosen, int) else set(chosen)
    if not marked or any(not 0 <= i < options for i in marked):
        raise DomainError(_("Lựa chọn không hợp lệ."), field="choice")
    key = public_key.phe
    return Ballot(
        round=public_key.round,
        ciphertexts=tuple(key.raw_encrypt(int(i in marked)) for i in range(options)),
    )


# ---------------------------------------------------------------------------- tally


@dataclass(frozen=True)
class Aggregate:
    """The homomorphic sum of distinct ballots, per option, and which ballots."""

    round: str
    receipts: tuple[str, ...]
    ciphertexts: tuple[int, ...]

    @property
    def ballots(self) -> int:
        return len(self.receipts)


@dataclass(frozen=True)
class Decryption:
    """The totals per option and, per option, the randomness that lets anyone check
    them: aggregate == (n·total + 1) · r^n mod n²."""

    totals: tuple[int, ...]
    randomness: tuple[int, ...]


def aggregate(public_key: PublicKey, ballots: Sequence[Ballot]) -> Aggregate:
    """The ballots added while encrypted (phe multiplies the ciphertexts mod n²).
    A ballot present twice is refused: a sum of one ballot with itself reveals it."""
    receipts = tuple(ballot.receipt for ballot in ballots)
    if len(set(receipts)) != len(receipts):
        raise DomainError(_("Một phiếu có mặt hai lần trong tổng."))
    if not ballots:
        raise DomainError(_("Chưa có phiếu nào để cộng."))
    width = len(ballots[0].ciphertexts)
    if any(b.round != public_key.round or len(b.ciphertexts) != width for b in ballots):
        raise DomainError(_("Có phiếu không thuộc vòng bỏ phiếu này."))
    return Aggregate(
        round=public_key.round,
        receipts=receipts,
        ciphertexts=_sum_columns(public_key, [b.ciphertexts for b in ballots]),
    )


def _sum_columns(public_key: PublicKey, rows: Sequence[Sequence[int]]) -> tuple[int, ...]:
    key = public_key.phe
    columns = zip(*rows, strict=True)
    return tuple(
        reduce(lambda a, b: a + b, (paillier.EncryptedNumber(key, c) for c in column)).ciphertext(
            be_secure=False
        )
        for column in columns
    )


def aggregate_decrypt(
    keys: RoundKeys, shares: Iterable[str], total: Aggregate, *, sole_verdict: bool = False
) -> Decryption:
    """The aggregate's totals, from at least `threshold` of the board's shares. The
    private key lives in this call's memory only and is dropped on return. An aggregate
    of fewer than the round's minimum of distinct ballots is refused before any share is
    read, so no call decrypts a single ballot — except, said by `sole_verdict`, a
    village whose one ballot decides the verdict the law makes public (a village of one
    or two households in a round counted village by village): the published verdict
    tells that ballot anyway."""
    if total.round != keys.round:
        raise DomainError(_("Tổng phiếu không thuộc vòng bỏ phiếu này."))
    floor = 1 if sole_verdict else keys.min_ballots
    if total.ballots < floor or len(set(total.receipts)) != total.ballots:
        raise DomainError(
            _("Chỉ giải mã tổng của ít nhất %(n)s phiếu khác nhau, không giải mã từng phiếu.")
            % {"n": keys.min_ballots}
        )
    private = _private_key(keys, shares)
    try:
        n = keys.public_key.n
        # r = (c mod n)^(n⁻¹ mod φ(n)) mod n, since c ≡ r^n (mod n) when g = n + 1.
        n_inverse = invert(n, (private.p - 1) * (private.q - 1))
        totals = tuple(private.raw_decrypt(c) for c in total.ciphertexts)
        randomness = tuple(powmod(c % n, n_inverse, n) for c in total.ciphertexts)
    finally:
        del private
    return Decryption(totals=totals, randomness=randomness)


def _digest(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
