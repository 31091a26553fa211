"""The secret of a private feed's address: random, shown once, stored as its SHA-256
(as coso.accounts stores API tokens)."""

import hashlib
import secrets

SECRET_BYTES = 32


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
