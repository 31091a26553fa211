"""Sending SMS: a pluggable backend (`COSO_SMS_BACKEND`, a dotted path), as Django does
for e-mail. The console backend prints (the demo); the memory backend keeps messages in
`outbox` (tests); a carrier's gateway is one more class with `send(to, text)`. An empty
setting means no SMS at all (production until a gateway is configured)."""

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("coso.sms")


class Backend(Protocol):
    def send(self, to: str, text: str) -> None: ...


class ConsoleBackend:
    def send(self, to: str, text: str) -> None:
        logger.warning("SMS to %s: %s", to, text)


outbox: list[tuple[str, str]] = []


class MemoryBackend:
    def send(self, to: str, text: str) -> None:
        outbox.append((to, text))


def sms_enabled() -> bool:
    return bool(settings.COSO_SMS_BACKEND)


def sms_backend() -> Backend:
    if not sms_enabled():
        # A text queued before the gateway was removed: the outbox records the failure.
        raise RuntimeError("no SMS gateway is configured (COSO_SMS_BACKEND)")
    backend: Backend = import_string(settings.COSO_SMS_BACKEND)()
    return backend
