"""Secret keys handed to other systems (officials' API tokens, Open311 clients' api_key):
"<scheme>_<prefix>_<secret>". The prefix finds the record without the secret; only a
SHA-256 of the secret is stored, so the whole key is shown once, when it is made."""

import hashlib
import hmac
import secrets
from typing import NamedTuple

PREFIX_BYTES = 6
SECRET_BYTES = 32


class Issued(NamedTuple):
    prefix: str
    digest: str
    key: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def key_issue(*, scheme: str) -> Issued:
    """A new key: its prefix and digest to store, and the whole key to show once."""
    prefix = secrets.token_hex(PREFIX_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    return Issued(prefix, digest(secret), f"{scheme}_{prefix}_{secret}")


def key_split(raw: str, *, scheme: str) -> tuple[str, str] | None:
    """(prefix, secret) of a presented key of `scheme`, or None when it is not one."""
    found, _sep, rest = raw.partition("_")
    prefix, _sep, secret = rest.partition("_")
    if found != scheme or not prefix or not secret:
        return None
    return prefix, secret


def key_matches(stored_digest: str, secret: str) -> bool:
    return hmac.compare_digest(stored_digest, digest(secret))
