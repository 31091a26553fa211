"""Fields encrypted at rest (Fernet, keys from the environment: COSO_FIELD_KEYS)."""

import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _keys() -> tuple[str, ...]:
    return tuple(getattr(settings, "FIELD_ENCRYPTION_KEYS"))  # noqa: B009


def encrypt_json(value: dict[str, Any]) -> str:
    """A token holding `value`, readable only with one of the configured keys."""
    data = json.dumps(value, ensure_ascii=False).encode()
    return _fernet(_keys()).encrypt(data).decode()


def decrypt_json(token: str) -> dict[str, Any]:
    if not token:
        return {}
    return json.loads(_fernet(_keys()).decrypt(token.encode()))
