"""The gateways' delivery reports. Each gateway is given an address with a secret in it
(`COSO_NOTICE_CALLBACK_SECRET`): a wrong or unset secret answers 404, as a page that
does not exist. eSMS.vn calls back by GET with the message's SMSID and counts of sent
and failed messages; Zalo's webhook posts a `user_received_message` event with the
message's msg_id and tracking_id, signed: its `X-ZEvent-Signature` header is
"mac=" and the SHA-256 of the app's id, the body, the event's timestamp and the OA's
secret key (checked when `COSO_ZALO_OA_SECRET_KEY` is set)."""

import hashlib
import json
import secrets
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from coso.core.permissions import PUBLIC, requires
from coso.notices.models import Channel
from coso.notices.services import notice_delivery_record

ESMS_SENT = "5"  # SendStatus 5: sent successfully (4: rejected)
ZALO_RECEIVED = "user_received_message"


def _check_secret(secret: str) -> None:
    expected = settings.COSO_NOTICE_CALLBACK_SECRET
    if not expected or not secrets.compare_digest(secret.encode(), expected.encode()):
        raise Http404


def _zalo_signed(request: HttpRequest, event: dict[str, Any]) -> bool:
    oa_secret = settings.COSO_ZALO_OA_SECRET_KEY
    if not oa_secret:
        return True  # the secret in the address is then the only check
    signed = (
        f"{settings.COSO_ZALO_APP_ID}{request.body.decode()}{event.get('timestamp', '')}{oa_secret}"
    )
    expected = "mac=" + hashlib.sha256(signed.encode()).hexdigest()
    given = request.headers.get("X-ZEvent-Signature", "")
    return secrets.compare_digest(given.encode(), expected.encode())


def _answer(found: bool) -> JsonResponse:
    # 200 even for an unknown message: the gateway would otherwise call again in vain.
    return JsonResponse({"ok": True, "matched": found})


@requires(PUBLIC)
@require_GET
def esms_callback(request: HttpRequest, secret: str) -> HttpResponse:
    _check_secret(secret)
    sms_id = request.GET.get("SMSID", "")
    request_id = request.GET.get("RequestId", "")
    if not (sms_id or request_id):
        return JsonResponse({"detail": "SMSID missing"}, status=400)
    delivered = request.GET.get("SendStatus") == ESMS_SENT and request.GET.get(
        "SendSuccess", "0"
    ) not in ("", "0")
    found = notice_delivery_record(
        channel=Channel.SMS, provider_id=sms_id, key=request_id, delivered=delivered
    )
    return _answer(found)


@requires(PUBLIC)
@csrf_exempt
@require_POST
def zalo_callback(request: HttpRequest, secret: str) -> HttpResponse:
    _check_secret(secret)
    if request.content_type != "application/json":  # a form's body is read already
        return JsonResponse({"detail": "not a Zalo event"}, status=400)
    try:
        event = json.loads(request.body)
        message = event["message"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"detail": "not a Zalo event"}, status=400)
    if not _zalo_signed(request, event):
        raise Http404
    if event.get("event_name") != ZALO_RECEIVED:
        return _answer(False)  # other webhook events are not about delivery
    found = notice_delivery_record(
        channel=Channel.ZALO,
        provider_id=str(message.get("msg_id") or ""),
        key=str(message.get("tracking_id") or ""),
        delivered=True,
    )
    return _answer(found)
