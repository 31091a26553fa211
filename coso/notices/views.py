"""The gateways' delivery reports. Each gateway is given an address with a secret in it
(`COSO_NOTICE_CALLBACK_SECRET`): a wrong or unset secret answers 404, as a page that
does not exist. eSMS.vn calls back by GET with the message's SMSID and counts of sent
and failed messages; Zalo's webhook posts a `user_received_message` event with the
message's msg_id and tracking_id, signed: its `X-ZEvent-Signature` header is
the SHA-256 (with or without "mac=" before it) of the app's id, the body, the event's timestamp and the OA's
secret key (checked when `COSO_ZALO_OA_SECRET_KEY` is set)."""

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
from coso.notices.sms import esms_delivery
from coso.notices.zalo import event_signed

ZALO_RECEIVED = "user_received_message"


def _check_secret(secret: str) -> None:
    expected = settings.COSO_NOTICE_CALLBACK_SECRET
    if not expected or not secrets.compare_digest(secret.encode(), expected.encode()):
        raise Http404


def _zalo_signed(request: HttpRequest, event: dict[str, Any]) -> bool:
    if not settings.COSO_ZALO_OA_SECRET_KEY:
        return True  # the secret in the address is then the only check
    return event_signed(
        request.body,
        str(event.get("timestamp", "")),
        request.headers.get("X-ZEvent-Signature", ""),
    )


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
    delivered = esms_delivery(request.GET)
    if delivered is None:  # approval, queue, awaiting the carrier: not final yet
        return _answer(False)
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
