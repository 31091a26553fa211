"""The counting board's key: a round's Paillier key pair, its private key sealed with
AES-256-GCM under a random key, and that key split by Shamir into the board's shares."""

import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from Crypto.Cipher import AES
from Crypto.Protocol.SecretSharing import Shamir
from django.conf import settings
from django.utils.translation import gettext as _
from phe import paillier

from coso.core.errors import DomainError

SHARE_PREFIX = "COSO1"
# Technical floor, not a legal number: one ballot's "aggregate" is that ballot. Which
# groups may be *published* with counts is the rulebook's small-group minimum (issue 17,
# point 5), a separate, larger figure.
MIN_AGGREGATE_BALLOTS = 2


def default_key_bits() -> int:
    """The Paillier modulus size for new rounds: COSO_BALLOT_KEY_BITS, else 2048."""
    return int(getattr(settings, "COSO_BALLOT_KEY_BITS", 2048))


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


# -------------------------------------------------------------------------- helpers


def _hex(value: int) -> str:
    return format(value, "x")


def _int(text: str) -> int:
    return int(str(text), 16)
