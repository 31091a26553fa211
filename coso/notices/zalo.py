"""Zalo template messages (ZNS) through the commune's Official Account: a pluggable
backend (`COSO_ZALO_BACKEND`, a dotted path) as for SMS; empty means no Zalo.

`ZnsBackend` posts to business.openapi.zalo.me/message/template with the OA's access
token in the `access_token` header, the phone in the form ZNS requires (84…, no 0 or
+), the approved template's id and its parameters (the notice's subject and body, cut
to `COSO_ZALO_SUBJECT_CHARS` / `COSO_ZALO_PARAM_CHARS`: a template parameter has its own
length limit), and the notice's key as `tracking_id`. An access token lives about 25
hours; it is renewed with the refresh token at the OA OAuth endpoint, and the refresh
token Zalo returns with it (each is used once) is kept, encrypted, in `ZaloToken`.

Where each value was checked, and what could not be, is in docs/notices.md ("Sources")."""

import datetime as dt
import hashlib
import logging
import secrets
import urllib.parse
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from coso.notices import http
from coso.notices.errors import Permanent, Temporary, digest_if_longer
from coso.notices.models import ZaloToken

logger = logging.getLogger("coso.zalo")

# ZNS's answer: {"error": 0, "message": "Success", "data": {"msg_id": …, …}}; a
# negative "error" is a refusal (zalo.cloud/zns/guidelines/handle-error-code). -124:
# the access token is invalid or expired (seen in public ZNS clients, not on the part of
# Zalo's table that could be read): renew it and send again. -100 "Unknown error",
# which Zalo's table says to try again later. Every other code names something sending
# again will not mend (the app, the template, the number, the user not on Zalo…).
TOKEN_INVALID = -124
UNKNOWN_ERROR = -100
# tracking_id's length: NOT confirmed from Zalo's documentation (see docs/notices.md);
# 48 is kept as a safe bound, a longer key goes as its digest.
TRACKING_MAX = 48
RENEW_MARGIN = dt.timedelta(minutes=5)


class Backend(Protocol):
    def send(self, to: str, subject: str, text: str, *, ref: str) -> str | None: ...


class ConsoleBackend:
    def send(self, to: str, subject: str, text: str, *, ref: str) -> str | None:
        logger.warning("Zalo to %s: %s — %s", to, subject, text)
        return None


outbox: list[tuple[str, dict[str, str], str]] = []


class MemoryBackend:
    def send(self, to: str, subject: str, text: str, *, ref: str) -> str | None:
        outbox.append((zns_phone(to), template_data(subject, text), tracking_id(ref)))
        return None


def zns_phone(phone: str) -> str:
    """0912 345 678, +84912345678 → 84912345678."""
    digits = "".join(c for c in phone if c.isdigit())
    if digits.startswith("0"):
        digits = "84" + digits[1:]
    if not digits.startswith("84") or len(digits) < 10:
        raise Permanent(f"not a Vietnamese mobile number: {phone!r}")
    return digits


def tracking_id(key: str) -> str:
    """The notice's key as ZNS takes it (its digest when too long for the field)."""
    return digest_if_longer(key, TRACKING_MAX)


def _cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def template_data(subject: str, text: str) -> dict[str, str]:
    """The template's two parameters, each within its length in the template."""
    return {
        settings.COSO_ZALO_SUBJECT_PARAM: _cut(subject, settings.COSO_ZALO_SUBJECT_CHARS),
        settings.COSO_ZALO_BODY_PARAM: _cut(text, settings.COSO_ZALO_PARAM_CHARS),
    }


def _renewed(token: ZaloToken) -> ZaloToken:
    """Trade the refresh token for a new pair (the caller holds the row's lock)."""
    answer = http.post(
        settings.COSO_ZALO_OAUTH_URL,
        form=urllib.parse.urlencode(
            {
                "refresh_token": token.refresh_token or settings.COSO_ZALO_REFRESH_TOKEN,
                "app_id": settings.COSO_ZALO_APP_ID,
                "grant_type": "refresh_token",
            }
        ),
        headers={"secret_key": settings.COSO_ZALO_APP_SECRET},
    )
    if not answer.get("access_token"):
        raise Temporary(f"Zalo OAuth refused the refresh token: {answer!r:.300}")
    token.access_token = answer["access_token"]
    token.refresh_token = answer.get("refresh_token") or token.refresh_token
    token.expires_at = timezone.now() + dt.timedelta(seconds=int(answer.get("expires_in", 0)))
    token.save()
    return token


def access_token(*, stale: str = "") -> str:
    """A valid access token: the kept one, or a new one when it expires soon or ZNS
    just refused `stale`. One sender renews at a time (the row is locked), so a
    refresh token is never spent twice."""
    with transaction.atomic():
        token, _created = ZaloToken.objects.select_for_update().get_or_create(pk=1)
        expired = token.expires_at is None or token.expires_at < timezone.now() + RENEW_MARGIN
        if expired or (stale and token.access_token == stale):
            token = _renewed(token)
        return token.access_token


class ZnsBackend:
    def send(self, to: str, subject: str, text: str, *, ref: str) -> str | None:
        body = {
            "phone": zns_phone(to),
            "template_id": settings.COSO_ZALO_TEMPLATE_ID,
            "template_data": template_data(subject, text),
            "tracking_id": tracking_id(ref),
        }
        token = access_token()
        answer = http.post(
            settings.COSO_ZALO_ZNS_URL, json_body=body, headers={"access_token": token}
        )
        if answer.get("error") == TOKEN_INVALID:
            token = access_token(stale=token)
            answer = http.post(
                settings.COSO_ZALO_ZNS_URL, json_body=body, headers={"access_token": token}
            )
        error = answer.get("error")
        if error == 0:
            return str((answer.get("data") or {}).get("msg_id") or "") or None
        kind = Permanent if isinstance(error, int) and error != UNKNOWN_ERROR else Temporary
        raise kind(f"ZNS {error}: {answer.get('message', '')}")


def event_signed(body: bytes, timestamp: str, signature: str) -> bool:
    """Whether a webhook event is Zalo's: its X-ZEvent-Signature is the SHA-256 of the
    app's id, the body as sent, the event's timestamp and the OA's secret key (not the
    app's). Public receivers disagree on a "mac=" before the digest: both are taken."""
    oa_secret = settings.COSO_ZALO_OA_SECRET_KEY
    if not oa_secret:
        return False
    signed = settings.COSO_ZALO_APP_ID.encode() + body + f"{timestamp}{oa_secret}".encode()
    expected = hashlib.sha256(signed).hexdigest()
    given = signature.strip().removeprefix("mac=").strip().lower()
    return secrets.compare_digest(given.encode(), expected.encode())


def zalo_enabled() -> bool:
    return bool(settings.COSO_ZALO_BACKEND)


def zalo_backend() -> Backend:
    backend: Backend = import_string(settings.COSO_ZALO_BACKEND)()
    return backend
