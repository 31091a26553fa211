"""Sending SMS: a pluggable backend (`COSO_SMS_BACKEND`, a dotted path), as Django does
for e-mail. The console backend prints (the demo); the memory backend keeps messages in
`outbox` (tests); `EsmsBackend` speaks to eSMS.vn's JSON API. An empty setting means no
SMS at all (production until a gateway is configured).

A backend's `send(to, text, ref=...)` returns the gateway's message id (or None):
`ref` is the notice's key, which the gateway takes as its request id and refuses twice,
so a send retried after a lost answer is not delivered twice.

What was checked against eSMS's documentation, and what could not be, is listed in
docs/notices.md ("Sources")."""

import logging
from collections.abc import Mapping
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from coso.notices import http
from coso.notices.errors import Permanent, Temporary, digest_if_longer
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


# eSMS.vn's JSON API, as its developer documentation gives it (checked 2026-12, sources
# in docs/notices.md): https://developers.esms.vn/esms-api/ham-gui-tin/tin-nhan-sms-otp-cskh
# and its English twin .../en/esms-api/send-sms-api/send-otp-customer-care-message (the
# GitBook sources: github.com/devesms/gitbook_esms_for_develop_v2, …_v2_en).
ESMS_CUSTOMER_CARE = "2"  # SmsType 2: a customer-care text from a registered brand name
# CodeResult (…/esms-api/bang-ma-loi, …/en/esms-api/table-of-error-codes):
ESMS_TAKEN = "100"  # the request reached eSMS (not yet the phone: see the callback)
ESMS_SEEN = "124"  # "Trùng RequestId": this request id was taken before (same day)
# Codes that will answer the same however often the text is sent again: 99 number
# blocked, 101 wrong ApiKey/SecretKey, 102 no price list, 104 brand name unknown or not
# active, 108 number malformed, 118 message type not supported, 140 server's IP not
# whitelisted, 146 text does not match a registered customer-care template, 177 the
# brand name is not registered with the recipient's carrier. Any other code (103 the
# balance spent, an unlisted one, an answer without CodeResult) may pass later.
ESMS_FOR_GOOD = {"99", "101", "102", "104", "108", "118", "140", "146", "177"}
# RequestId: "Độ dài tối đa 50 ký tự. Mỗi RequestId truyền sang có hiệu lực chặn trong
# ngày" (at most 50 characters; a request id is refused again for the rest of the day).
ESMS_REQUEST_ID_MAX = 50


def esms_request_id(key: str) -> str:
    """The notice's key as eSMS takes it (its digest when longer than the field)."""
    return digest_if_longer(key, ESMS_REQUEST_ID_MAX)


def esms_phone(phone: str) -> str:
    """The number as eSMS's examples write it: national form, 0 and nine digits
    ("0901888484"); +84 / 84 are turned into 0."""
    digits = "".join(c for c in phone if c.isdigit())
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not (digits.startswith("0") and len(digits) == 10):
        raise Permanent(f"not a Vietnamese mobile number: {phone!r}")
    return digits


class EsmsBackend:
    """eSMS.vn, SendMultipleMessage_V4_post_json: a customer-care text (SmsType 2) from
    the registered brand name (`COSO_ESMS_BRANDNAME`: the commune's or the province's
    name, registered with each carrier through eSMS, and the texts' templates approved,
    before any text leaves; see docs/notices.md), Unicode when the text has diacritics.
    The notice's key goes as `RequestId`, which eSMS refuses twice in a day (code 124):
    a retry after a lost answer is then taken as sent, not sent again. eSMS calls
    `COSO_ESMS_CALLBACK_URL` back by GET with the delivery status (`esms_delivery`)."""

    def send(self, to: str, text: str, *, ref: str = "") -> str | None:
        body = {
            "ApiKey": settings.COSO_ESMS_API_KEY,
            "Content": text,
            "Phone": esms_phone(to),
            "SecretKey": settings.COSO_ESMS_SECRET_KEY,
            "Brandname": settings.COSO_ESMS_BRANDNAME,
            "SmsType": ESMS_CUSTOMER_CARE,
            "IsUnicode": "0" if is_gsm(text) else "1",
            "RequestId": esms_request_id(ref),
            "CallbackUrl": settings.COSO_ESMS_CALLBACK_URL,
        }
        if settings.COSO_ESMS_SANDBOX:
            body["Sandbox"] = "1"  # eSMS checks the request, sends and charges nothing
        answer = http.post(settings.COSO_ESMS_URL, json_body=body, headers={})
        code = str(answer.get("CodeResult", ""))
        if code == ESMS_TAKEN:
            return str(answer.get("SMSID") or "") or None
        if code == ESMS_SEEN:
            # Taken by an earlier try whose answer was lost: sent once, its SMSID unknown
            # (the delivery report still names the RequestId).
            return None
        kind = Permanent if code in ESMS_FOR_GOOD else Temporary
        raise kind(f"eSMS {code or '?'}: {answer.get('ErrorMessage') or answer.get('error', '')}")


# The delivery report (…/esms-api/callback-url): eSMS calls the CallbackUrl by GET with
# SMSID, RequestId, SendStatus, SendSuccess, SendFailed (and TypeId, telcoid, …), up to
# 5 times while the address times out. SendStatus: 1 awaiting approval, 2 waiting to be
# sent, 4 refused, 5 sent ("check SendSuccess/SendFailed to know whether it arrived"),
# 7 sent to the carrier, awaiting its report.
ESMS_REFUSED, ESMS_DONE = "4", "5"


def esms_delivery(params: Mapping[str, str]) -> bool | None:
    """What an eSMS delivery report says: True delivered, False not delivered, None not
    final yet (approval, queue, awaiting the carrier's report)."""
    status = params.get("SendStatus", "")
    if status == ESMS_REFUSED:
        return False
    if status != ESMS_DONE:
        return None

    def count(name: str) -> int:
        value = params.get(name, "")
        return int(value) if value.isdigit() else 0

    if count("SendSuccess") > 0:
        return True
    return False if count("SendFailed") > 0 else None


def sms_enabled() -> bool:
    return bool(settings.COSO_SMS_BACKEND)


def sms_backend() -> Backend:
    if not sms_enabled():
        # A text queued before the gateway was removed: the outbox records the failure.
        raise RuntimeError("no SMS gateway is configured (COSO_SMS_BACKEND)")
    backend: Backend = import_string(settings.COSO_SMS_BACKEND)()
    return backend
