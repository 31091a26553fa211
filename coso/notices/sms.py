"""Sending SMS: a pluggable backend (`COSO_SMS_BACKEND`, a dotted path), as Django does
for e-mail. The console backend prints (the demo); the memory backend keeps messages in
`outbox` (tests); `EsmsBackend` speaks to eSMS.vn's JSON API. An empty setting means no
SMS at all (production until a gateway is configured).

A backend's `send(to, text, ref=...)` returns the gateway's message id (or None):
`ref` is the notice's key, which the gateway takes as its request id and refuses twice,
so a send retried after a lost answer is not delivered twice."""

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from coso.notices import http
from coso.notices.errors import Permanent, Temporary
from coso.notices.segments import is_gsm

logger = logging.getLogger("coso.sms")


class Backend(Protocol):
    def send(self, to: str, text: str, *, ref: str = "") -> str | None: ...


class ConsoleBackend:
    def send(self, to: str, text: str, *, ref: str = "") -> str | None:
        logger.warning("SMS to %s: %s", to, text)
        return None


outbox: list[tuple[str, str]] = []


class MemoryBackend:
    def send(self, to: str, text: str, *, ref: str = "") -> str | None:
        outbox.append((to, text))
        return None


# eSMS.vn's answer codes (developers.esms.vn, "Table of error codes"): 100 is taken; a
# wrong key, a brand name not registered, a bad number will not pass on a retry; other
# codes (the balance, the gateway busy) may.
ESMS_TAKEN = "100"
ESMS_FOR_GOOD = {"101", "102", "104", "118"}


class EsmsBackend:
    """eSMS.vn, SendMultipleMessage_V4_post_json: a customer-care text (SmsType 2) from
    the registered brand name (`COSO_ESMS_BRANDNAME`: the commune's or the province's
    name, registered with the carriers through eSMS before any text leaves; see
    docs/notices.md), Unicode when the text has diacritics. The notice's key goes as
    `RequestId`; eSMS calls `COSO_ESMS_CALLBACK_URL` back with the delivery status."""

    def send(self, to: str, text: str, *, ref: str = "") -> str | None:
        answer = http.post(
            settings.COSO_ESMS_URL,
            json_body={
                "ApiKey": settings.COSO_ESMS_API_KEY,
                "SecretKey": settings.COSO_ESMS_SECRET_KEY,
                "Phone": to,
                "Content": text,
                "Brandname": settings.COSO_ESMS_BRANDNAME,
                "SmsType": "2",
                "IsUnicode": "0" if is_gsm(text) else "1",
                "RequestId": ref,
                "CallbackUrl": settings.COSO_ESMS_CALLBACK_URL,
            },
            headers={},
        )
        code = str(answer.get("CodeResult", ""))
        if code == ESMS_TAKEN:
            return str(answer.get("SMSID") or "") or None
        kind = Permanent if code in ESMS_FOR_GOOD else Temporary
        raise kind(f"eSMS {code}: {answer.get('ErrorMessage', '')}")


def sms_enabled() -> bool:
    return bool(settings.COSO_SMS_BACKEND)


def sms_backend() -> Backend:
    if not sms_enabled():
        # A text queued before the gateway was removed: the outbox records the failure.
        raise RuntimeError("no SMS gateway is configured (COSO_SMS_BACKEND)")
    backend: Backend = import_string(settings.COSO_SMS_BACKEND)()
    return backend
