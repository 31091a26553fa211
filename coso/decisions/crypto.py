"""Encrypted secret ballots: the counting board's key, ballots, the encrypted tally and
the record anyone can verify (docs/secret-ballot.md, issue 17).

Nothing here is a home-made primitive. Paillier (additively homomorphic) comes from
`phe` (with `gmpy2`), Shamir's secret sharing and AES-GCM from `pycryptodome`. What is
written here is the plumbing between them and the one derived quantity Paillier lets
anyone check: the aggregate's randomness r with c = g^m · r^n mod n².

- A round's key pair is made when the round opens. The private key (its primes p, q) is
  stored only encrypted with AES-256-GCM under a random 32-byte key; that key is split
  by Shamir into one share per member of the counting board (Decree 59/2023 art. 3:
  every round has a counting board), `threshold` of them needed. pycryptodome's Shamir
  shares 16-byte secrets, so the 32-byte key is split as two 16-byte halves with the
  same member indices; a member's share is both halves.
- A ballot is one ciphertext per option (1 for the chosen, 0 for the others). `phe`
  offers no proof that a ciphertext holds 0 or 1, so the server encrypts the choice
  in memory the moment it arrives (the issue allows it); the record's check that the
  totals add up to the number of ballots catches a ballot counted twice or more.
- Only an aggregate of at least the round's minimum number of distinct ballots is ever
  decrypted: no function here takes a single ballot to decrypt.
"""

import hashlib
import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from math import gcd
from typing import Any

from Crypto.Cipher import AES
from Crypto.Protocol.SecretSharing import Shamir
from django.conf import settings
from django.utils.translation import gettext as _
from phe import paillier
from phe.util import invert, powmod

from coso.core.errors import DomainError

RECORD_FORMAT = "coso-verification-record/1"
SHARE_PREFIX = "COSO1"
# Technical floor, not a legal number: one ballot's "aggregate" is that ballot. Which
# groups may be *published* with counts is the rulebook's small-group minimum (issue 17,
# point 5), a separate, larger figure.
MIN_AGGREGATE_BALLOTS = 2


def default_key_bits() -> int:
    """The Paillier modulus size for new rounds: COSO_BALLOT_KEY_BITS, else 2048."""
    return int(getattr(settings, "COSO_BALLOT_KEY_BITS", 2048))


# ----------------------------------------------------------------------------- keys


@dataclass(frozen=True)
class PublicKey:
    """A round's Paillier public key (g = n + 1, phe's choice), tagged with the round."""

    round: str
    n: int

    @property
    def phe(self) -> paillier.PaillierPublicKey:
        return paillier.PaillierPublicKey(self.n)

    def to_dict(self) -> dict[str, Any]:
        return {"round": self.round, "n": _hex(self.n)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "PublicKey":
        return cls(round=str(data["round"]), n=_int(data["n"]))


@dataclass(frozen=True)
class RoundKeys:
    """What the server stores for a round: the public key, the private key encrypted
    under the board's key, and the board's numbers. Nothing here decrypts anything."""

    public_key: PublicKey
    nonce: bytes
    sealed_private_key: bytes
    tag: bytes
    members: int
    threshold: int
    min_ballots: int

    @property
    def round(self) -> str:
        return self.public_key.round

    def to_dict(self) -> dict[str, Any]:
        return {
            "public_key": self.public_key.to_dict(),
            "private_key": {
                "nonce": self.nonce.hex(),
                "ciphertext": self.sealed_private_key.hex(),
                "tag": self.tag.hex(),
            },
            "members": self.members,
            "threshold": self.threshold,
            "min_ballots": self.min_ballots,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RoundKeys":
        sealed = data["private_key"]
        return cls(
            public_key=PublicKey.from_dict(data["public_key"]),
            nonce=bytes.fromhex(sealed["nonce"]),
            sealed_private_key=bytes.fromhex(sealed["ciphertext"]),
            tag=bytes.fromhex(sealed["tag"]),
            members=int(data["members"]),
            threshold=int(data["threshold"]),
            min_ballots=int(data["min_ballots"]),
        )


@dataclass(frozen=True)
class MadeRoundKeys:
    """The keys to store, and the shares to hand out once (never stored)."""

    keys: RoundKeys
    shares: list[str]


def round_keys_make(
    *, members: int, threshold: int, bits: int, min_ballots: int = MIN_AGGREGATE_BALLOTS
) -> MadeRoundKeys:
    """A new round's key pair, its private key sealed under a random AES-256 key, and
    that key split into `members` shares of which `threshold` open it."""
    if not 2 <= threshold <= members:
        raise DomainError(_("Ngưỡng mảnh khoá phải từ 2 đến số thành viên tổ kiểm phiếu."))
    if min_ballots < MIN_AGGREGATE_BALLOTS:
        raise DomainError(_("Không được giải mã tổng của ít hơn hai phiếu."))
    round_id = secrets.token_hex(8).upper()
    public, private = paillier.generate_paillier_keypair(n_length=bits)
    board_key = secrets.token_bytes(32)
    cipher = AES.new(board_key, AES.MODE_GCM)
    cipher.update(_associated(round_id, public.n))
    primes = json.dumps({"p": _hex(private.p), "q": _hex(private.q)}).encode()
    sealed, tag = cipher.encrypt_and_digest(primes)
    first = Shamir.split(threshold, members, board_key[:16], ssss=False)
    second = Shamir.split(threshold, members, board_key[16:], ssss=False)
    shares = [
        _share_text(round_id, index, low + high)
        for (index, low), (_index, high) in zip(first, second, strict=True)
    ]
    keys = RoundKeys(
        public_key=PublicKey(round=round_id, n=public.n),
        nonce=cipher.nonce,
        sealed_private_key=sealed,
        tag=tag,
        members=members,
        threshold=threshold,
        min_ballots=min_ballots,
    )
    return MadeRoundKeys(keys=keys, shares=shares)


def _associated(round_id: str, n: int) -> bytes:
    # Binds the sealed key to its round and public key: a sealed key copied onto another
    # round does not open.
    return f"{round_id}:{_hex(n)}".encode()


# --------------------------------------------------------------------------- shares
# A share as a member keeps it: COSO1-<round>-<index>-<64 hex digits>-<8 hex checksum>,
# upper case, digits and hyphens only, so a QR code holds it in alphanumeric mode and it
# reads aloud. The checksum is the first 4 bytes of SHA-256 over what precedes it: a
# mistyped character is caught before anything is tried.


@dataclass(frozen=True)
class Share:
    round: str
    index: int
    secret: bytes  # 32 bytes: the share of each 16-byte half of the board's key


def _checksum(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:8].upper()


def _share_text(round_id: str, index: int, secret: bytes) -> str:
    body = f"{SHARE_PREFIX}-{round_id}-{index}-{secret.hex().upper()}"
    return f"{body}-{_checksum(body)}"


def share_parse(text: str, *, round_id: str | None = None) -> Share:
    """A member's share read back from its text (spaces and case ignored), refused
    with a clear message when mistyped or when it belongs to another round."""
    cleaned = "".join(text.split()).upper()
    parts = cleaned.split("-")
    if len(parts) != 5 or parts[0] != SHARE_PREFIX:
        raise DomainError(_("Mảnh khoá không đúng định dạng (COSO1-…)."), field="shares")
    prefix, round_part, index_part, secret_part, check = parts
    if _checksum("-".join(parts[:4])) != check:
        raise DomainError(
            _("Mảnh khoá bị gõ sai: mã kiểm tra không khớp, hãy đối chiếu từng ký tự."),
            field="shares",
        )
    try:
        index, secret = int(index_part), bytes.fromhex(secret_part)
    except ValueError:
        raise DomainError(_("Mảnh khoá không đúng định dạng (COSO1-…)."), field="shares") from None
    if len(secret) != 32 or index < 1:
        raise DomainError(_("Mảnh khoá không đúng định dạng (COSO1-…)."), field="shares")
    if round_id is not None and round_part != round_id:
        raise DomainError(_("Mảnh khoá này thuộc một vòng bỏ phiếu khác."), field="shares")
    return Share(round=round_part, index=index, secret=secret)


def _board_key(keys: RoundKeys, shares: Iterable[str]) -> bytes:
    parsed = [share_parse(text, round_id=keys.round) for text in shares]
    if len({share.index for share in parsed}) != len(parsed):
        raise DomainError(_("Một mảnh khoá được nhập hai lần."), field="shares")
    if len(parsed) < keys.threshold:
        raise DomainError(
            _("Cần mảnh khoá của ít nhất %(need)s thành viên tổ kiểm phiếu; mới có %(have)s.")
            % {"need": keys.threshold, "have": len(parsed)},
            field="shares",
        )
    low = Shamir.combine([(s.index, s.secret[:16]) for s in parsed], ssss=False)
    high = Shamir.combine([(s.index, s.secret[16:]) for s in parsed], ssss=False)
    return low + high


def _private_key(keys: RoundKeys, shares: Iterable[str]) -> paillier.PaillierPrivateKey:
    cipher = AES.new(_board_key(keys, shares), AES.MODE_GCM, nonce=keys.nonce)
    cipher.update(_associated(keys.round, keys.public_key.n))
    try:
        primes = json.loads(cipher.decrypt_and_verify(keys.sealed_private_key, keys.tag))
    except ValueError:
        raise DomainError(
            _("Các mảnh khoá này không mở được khoá của vòng bỏ phiếu."), field="shares"
        ) from None
    return paillier.PaillierPrivateKey(keys.public_key.phe, _int(primes["p"]), _int(primes["q"]))


# -------------------------------------------------------------------------- ballots


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


def ballot_encrypt(public_key: PublicKey, option_index: int, options: int) -> Ballot:
    """The choice `option_index` of `options` as one fresh ciphertext per option.
    Held in memory only: the caller stores the ballot, never the index."""
    if not 0 <= option_index < options:
        raise DomainError(_("Lựa chọn không hợp lệ."), field="choice")
    key = public_key.phe
    return Ballot(
        round=public_key.round,
        ciphertexts=tuple(key.raw_encrypt(int(i == option_index)) for i in range(options)),
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


def aggregate_decrypt(keys: RoundKeys, shares: Iterable[str], total: Aggregate) -> Decryption:
    """The aggregate's totals, from at least `threshold` of the board's shares. The
    private key lives in this call's memory only and is dropped on return. An aggregate
    of fewer than the round's minimum of distinct ballots is refused before any share is
    read, so no call decrypts a single ballot."""
    if total.round != keys.round:
        raise DomainError(_("Tổng phiếu không thuộc vòng bỏ phiếu này."))
    if total.ballots < keys.min_ballots or len(set(total.receipts)) != total.ballots:
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


# --------------------------------------------------------------------------- record


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


# -------------------------------------------------------------------------- helpers


def _hex(value: int) -> str:
    return format(value, "x")


def _int(text: str) -> int:
    return int(str(text), 16)


def _digest(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
