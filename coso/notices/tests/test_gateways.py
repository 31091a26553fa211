"""The real gateways, against fake ones on 127.0.0.1 answering as their documentation
says: eSMS.vn's JSON API and Zalo's ZNS with its OAuth endpoint. A gateway down (500)
is tried again later, the message reaches it exactly once, carrying the notice's key;
the gateway's delivery report marks the notice delivered."""

import datetime as dt
import hashlib
import json
import urllib.parse

import pytest
from django.urls import reverse

from coso.notices import services
from coso.notices.models import Delivery, Notice, State, ZaloToken
from coso.notices.tests.fake_gateway import fake_gateway

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC)
ESMS_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
TEXT = "Kiến nghị KN-7 của ông/bà đã được chuyển tới UBND xã."


@pytest.fixture
def esms(settings):
    with fake_gateway(
        {
            ESMS_PATH: [
                (500, {}),
                (200, {"CodeResult": "100", "CountRegenerate": 0, "SMSID": "sms-1"}),
            ]
        }
    ) as gateway:
        settings.COSO_SMS_BACKEND = "coso.notices.sms.EsmsBackend"
        settings.COSO_ESMS_URL = gateway.url + ESMS_PATH
        settings.COSO_ESMS_API_KEY, settings.COSO_ESMS_SECRET_KEY = "api-key", "secret-key"
        settings.COSO_ESMS_BRANDNAME = "UBND XA AN"
        settings.COSO_ESMS_CALLBACK_URL = "https://coso.example/notices/callback/esms/s/"
        settings.COSO_NOTICE_BACKOFF_SECONDS = 60
        yield gateway


def test_a_text_is_retried_after_a_500_and_reaches_esms_once(esms, time_machine):
    time_machine.move_to(NOW, tick=False)
    services.notify(key="petition-7-status", to="0912345678", subject="", body=TEXT, channel="sms")
    assert services.deliver()[:2] == (0, 1)
    notice = Notice.objects.get()
    assert notice.state == State.PENDING and notice.retry_at == NOW + dt.timedelta(seconds=60)
    assert services.deliver()[:2] == (0, 0)  # not before its backoff
    time_machine.move_to(NOW + dt.timedelta(seconds=61), tick=False)
    assert services.deliver()[:2] == (1, 0)
    services.deliver()
    first, second = esms.to(ESMS_PATH)  # the failed try and the one taken, no more
    assert (
        first.json()
        == second.json()
        == {
            "ApiKey": "api-key",
            "SecretKey": "secret-key",
            "Phone": "0912345678",
            "Content": TEXT,
            "Brandname": "UBND XA AN",
            "SmsType": "2",
            "IsUnicode": "1",
            "RequestId": "petition-7-status",
            "CallbackUrl": "https://coso.example/notices/callback/esms/s/",
        }
    )
    assert second.headers["Content-Type"].startswith("application/json")
    notice.refresh_from_db()
    assert notice.state == State.SENT and notice.provider_id == "sms-1" and notice.attempts == 2


def _sent_by_esms(settings, body: str = "b") -> None:  # type: ignore[no-untyped-def]
    """A text through the fake eSMS: refused once (500), then taken as sms-1."""
    settings.COSO_NOTICE_BACKOFF_SECONDS = 0
    services.notify(key="k", to="0912345678", subject="", body=body, channel="sms")
    services.deliver()
    services.deliver()
    assert Notice.objects.get().provider_id == "sms-1"


def test_the_esms_delivery_report_marks_the_text_delivered(esms, client, settings):
    _sent_by_esms(settings, body="Ma: 123456")
    assert esms.to(ESMS_PATH)[-1].json()["IsUnicode"] == "0"  # no diacritics: 7-bit
    url = reverse("notices:esms_callback", args=["test-callback-secret"])
    report = {"SMSID": "sms-1", "SendFailed": "0", "SendStatus": "5", "SendSuccess": "1"}
    response = client.get(url, {**report, "RequestId": "", "TypeId": "2"})
    assert response.status_code == 200 and response.json()["matched"] is True
    notice = Notice.objects.get()
    assert notice.delivery == Delivery.DELIVERED and notice.delivered_at is not None
    client.get(url, {**report, "SendStatus": "4", "SendSuccess": "0", "SendFailed": "1"})
    assert Notice.objects.get().delivery == Delivery.DELIVERED  # never turned back


def test_a_failed_delivery_is_recorded(esms, client, settings):
    _sent_by_esms(settings)
    url = reverse("notices:esms_callback", args=["test-callback-secret"])
    client.get(url, {"SMSID": "sms-1", "SendStatus": "4", "SendSuccess": "0", "SendFailed": "1"})
    assert Notice.objects.get().delivery == Delivery.UNDELIVERED


@pytest.mark.parametrize("secret", ["wrong", "test-callback-secret"])
def test_a_report_without_the_secret_is_refused(esms, client, settings, secret):
    """Attack: anyone could otherwise mark any notice delivered."""
    if secret == "test-callback-secret":
        settings.COSO_NOTICE_CALLBACK_SECRET = ""  # no secret set: no callback at all
    _sent_by_esms(settings)
    report = {"SMSID": "sms-1", "SendStatus": "5", "SendSuccess": "1"}
    esms_url = reverse("notices:esms_callback", args=[secret])
    assert client.get(esms_url, report).status_code == 404
    zalo_url = reverse("notices:zalo_callback", args=[secret])
    assert client.post(zalo_url, "{}", content_type="application/json").status_code == 404
    assert Notice.objects.get().delivery == Delivery.UNKNOWN


ZNS_PATH, OAUTH_PATH = "/message/template", "/v4/oa/access_token"
ZNS_TAKEN = (200, {"error": 0, "message": "Success", "data": {"msg_id": "z-1"}})


def _zalo(settings, gateway):  # type: ignore[no-untyped-def]
    settings.COSO_ZALO_BACKEND = "coso.notices.zalo.ZnsBackend"
    settings.COSO_ZALO_ZNS_URL = gateway.url + ZNS_PATH
    settings.COSO_ZALO_OAUTH_URL = gateway.url + OAUTH_PATH
    settings.COSO_ZALO_APP_ID, settings.COSO_ZALO_APP_SECRET = "app-1", "app-secret"
    settings.COSO_ZALO_REFRESH_TOKEN = "refresh-0"
    settings.COSO_ZALO_TEMPLATE_ID = "tpl-9"


def _renewal(n: int) -> tuple[int, dict[str, str]]:
    return 200, {
        "access_token": f"access-{n}",
        "refresh_token": f"refresh-{n}",
        "expires_in": "90000",
    }


def test_a_zalo_message_is_retried_and_sent_once_with_a_fresh_token(settings, client):
    script = {ZNS_PATH: [(500, {}), ZNS_TAKEN], OAUTH_PATH: [_renewal(1), _renewal(2)]}
    with fake_gateway(script) as gateway:
        _zalo(settings, gateway)
        services.notify(
            key="vote-3-open", to="0912 345 678", subject="Biểu quyết", body=TEXT, channel="zalo"
        )
        assert services.deliver()[:2] == (0, 1)
        assert services.deliver()[:2] == (1, 0)
        services.deliver()
    (renewal,) = gateway.to(OAUTH_PATH)  # one renewal: the token is kept for the retry
    assert urllib.parse.parse_qs(renewal.body.decode()) == {
        "refresh_token": ["refresh-0"],
        "app_id": ["app-1"],
        "grant_type": ["refresh_token"],
    }
    assert renewal.headers["secret_key"] == "app-secret"
    first, second = gateway.to(ZNS_PATH)
    assert (
        first.json()
        == second.json()
        == {
            "phone": "84912345678",
            "template_id": "tpl-9",
            "template_data": {"title": "Biểu quyết", "content": TEXT},
            "tracking_id": "vote-3-open",
        }
    )
    assert second.headers["access_token"] == "access-1"
    token = ZaloToken.objects.get()
    assert (token.access_token, token.refresh_token) == ("access-1", "refresh-1")
    notice = Notice.objects.get()
    assert notice.state == State.SENT and notice.provider_id == "z-1"
    event = {
        "event_name": "user_received_message",
        "app_id": "app-1",
        "message": {"msg_id": "z-1", "tracking_id": "vote-3-open", "delivery_time": "1"},
        "timestamp": "1",
    }
    url = reverse("notices:zalo_callback", args=["test-callback-secret"])
    assert client.post(url, event, content_type="application/json").status_code == 200
    assert Notice.objects.get().delivery == Delivery.DELIVERED


def test_a_token_zalo_refuses_is_renewed_and_the_message_sent_again(settings, time_machine):
    time_machine.move_to(NOW, tick=False)
    script = {
        ZNS_PATH: [(200, {"error": -124, "message": "Access token is invalid"}), ZNS_TAKEN],
        OAUTH_PATH: [_renewal(5)],
    }
    ZaloToken.objects.create(
        access_token="revoked", refresh_token="refresh-4", expires_at=NOW + dt.timedelta(hours=20)
    )
    with fake_gateway(script) as gateway:
        _zalo(settings, gateway)
        services.notify(key="k", to="+84912345678", subject="s", body="b", channel="zalo")
        assert services.deliver()[:2] == (1, 0)
    assert [r.headers["access_token"] for r in gateway.to(ZNS_PATH)] == ["revoked", "access-5"]
    (renewal,) = gateway.to(OAUTH_PATH)
    assert "refresh_token=refresh-4" in renewal.body.decode()
    assert ZaloToken.objects.get().refresh_token == "refresh-5"


def test_a_number_zalo_cannot_take_is_given_up_at_once(settings):
    settings.COSO_NOTICE_ATTEMPTS = 5
    services.notify(key="k", to="12345", subject="s", body="b", channel="zalo")
    services.deliver()
    notice = Notice.objects.get()
    assert notice.state == State.FAILED and notice.attempts == 1
    assert "Vietnamese mobile" in notice.last_error


def test_backoff_doubles_up_to_its_cap(settings):
    settings.COSO_NOTICE_BACKOFF_SECONDS, settings.COSO_NOTICE_BACKOFF_MAX_SECONDS = 60, 300
    assert [services.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 300]


@pytest.mark.parametrize(("oa_secret", "answer"), [("oa-secret", 200), ("another", 404)])
def test_a_zalo_event_is_taken_only_when_signed_with_the_oa_secret(
    settings, client, oa_secret, answer
):
    """Attack: an event signed with another key never marks a notice delivered."""
    settings.COSO_ZALO_APP_ID, settings.COSO_ZALO_OA_SECRET_KEY = "app-1", "oa-secret"
    Notice.objects.create(
        key="k",
        to="84912345678",
        subject="s",
        body="b",
        channel="zalo",
        state=State.SENT,
        provider_id="z-1",
    )
    body = json.dumps(
        {
            "event_name": "user_received_message",
            "message": {"msg_id": "z-1"},
            "timestamp": "1733450000000",
        }
    )
    mac = hashlib.sha256(f"app-1{body}1733450000000{oa_secret}".encode()).hexdigest()
    url = reverse("notices:zalo_callback", args=["test-callback-secret"])
    response = client.post(
        url, body, content_type="application/json", headers={"X-ZEvent-Signature": f"mac={mac}"}
    )
    assert response.status_code == answer
    want = Delivery.DELIVERED if answer == 200 else Delivery.UNKNOWN
    assert Notice.objects.get().delivery == want
