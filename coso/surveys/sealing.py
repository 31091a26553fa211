"""Sealing an anonymous survey's answers while the survey is open.

Each answer is written, in the transaction that records the household's participation,
as an envelope: AES-256-GCM (pycryptodome) under a key derived by HKDF-SHA256 from the
server's field-encryption secret (COSO_FIELD_KEYS, kept in the environment, never in
the database) and the survey's id, which is also the associated data — an envelope
copied onto another survey does not open. Someone holding the database, its WAL or its
backups sees that a household answered and an opaque envelope, never what it answered.
When the survey closes the envelopes are opened and written shuffled (services)."""

import json
from typing import Any

from Crypto.Cipher import AES
from Crypto.Hash import SHA256
from Crypto.Protocol.KDF import HKDF
from Crypto.Random import get_random_bytes
from django.conf import settings

NONCE, TAG = 12, 16


def _key(secret: str, survey_id: int) -> bytes:
    context = f"coso.surveys.envelope:{survey_id}".encode()
    return HKDF(secret.encode(), 32, b"coso.surveys", SHA256, context=context)  # type: ignore[return-value]


def _secrets() -> list[str]:
    return list(settings.FIELD_ENCRYPTION_KEYS)


def seal(survey_id: int, answers: dict[str, Any]) -> bytes:
    """The answers, encrypted under the survey's key (the first configured secret)."""
    nonce = get_random_bytes(NONCE)
    cipher = AES.new(_key(_secrets()[0], survey_id), AES.MODE_GCM, nonce=nonce)
    cipher.update(str(survey_id).encode())
    body, tag = cipher.encrypt_and_digest(json.dumps(answers, ensure_ascii=False).encode())
    return nonce + tag + body


def open_sealed(survey_id: int, sealed: bytes) -> dict[str, Any]:
    """The answers of an envelope (any configured secret, so keys can rotate);
    ValueError if it was tampered with or belongs to another survey."""
    sealed = bytes(sealed)
    nonce, tag, body = sealed[:NONCE], sealed[NONCE : NONCE + TAG], sealed[NONCE + TAG :]
    for secret in _secrets():
        cipher = AES.new(_key(secret, survey_id), AES.MODE_GCM, nonce=nonce)
        cipher.update(str(survey_id).encode())
        try:
            return json.loads(cipher.decrypt_and_verify(body, tag))  # type: ignore[no-any-return]
        except ValueError:
            continue
    raise ValueError("the envelope does not open under this survey's key")
