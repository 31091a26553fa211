"""The real gateways, against fake ones on 127.0.0.1 answering as their documentation
says (coso.notices.tests.providers: each checks the method, headers and fields it is
sent and refuses as the real one would): eSMS.vn's JSON API and Zalo's ZNS with its
OAuth endpoint. A gateway down (500) is tried again later, the message reaches it
exactly once, carrying the notice's key; a retry after a lost answer is not sent twice;
the gateway's delivery report marks the notice delivered."""

import datetime as dt
import hashlib
import json
import urllib.parse

import pytest
from django.urls import reverse

from coso.notices import services, sms, zalo
from coso.notices.models import Delivery, Notice, State, ZaloToken
from coso.notices.tests.fake_gateway import fake_gateway
from coso.notices.tests.providers import ESMS_PATH, OAUTH_PATH, ZNS_PATH, FakeEsms, FakeZalo

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC)
TEXT = "Kiến nghị KN-7 của ông/bà đã được chuyển tới UBND xã."


@pytest.fixture
def provider():
    return FakeEsms()


@pytest.fixture
def esms(settings, provider):
    with fake_gateway({ESMS_PATH: [(500, {}), provider]}) as gateway:
        _esms(settings, gateway, provider)
        settings.COSO_NOTICE_BACKOFF_SECONDS = 60
        yield gateway


def _esms(settings, gateway, provider: FakeEsms) -> None:  # type: ignore[no-untyped-def]
    settings.COSO_SMS_BACKEND = "coso.notices.sms.EsmsBackend"
    settings.COSO_ESMS_URL = gateway.url + ESMS_PATH
    settings.COSO_ESMS_API_KEY, settings.COSO_ESMS_SECRET_KEY = "api-key", "secret-key"
    settings.COSO_ESMS_BRANDNAME = provider.brandname
    settings.COSO_ESMS_CALLBACK_URL = "https://coso.example/notices/callback/esms/s/"


def test_a_text_is_retried_after_a_500_and_reaches_esms_once(esms, provider, time_machine):
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
    expected = {
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
    assert first.json() == second.json() == expected and provider.taken == [expected]
    assert first.method == second.method == "POST"
    assert second.headers["Content-Type"].startswith("application/json")
    notice.refresh_from_db()
    assert notice.state == State.SENT and notice.provider_id == "sms-1" and notice.attempts == 2


def _sent_by_esms(settings, body: str = "b", key: str = "k") -> None:  # type: ignore[no-untyped-def]
    """A text through the fake eSMS: refused once (500), then taken as sms-1."""
    settings.COSO_NOTICE_BACKOFF_SECONDS = 0
    services.notify(key=key, to="0912345678", subject="", body=body, channel="sms")
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


def test_a_report_not_final_yet_changes_nothing(esms, client, settings):
    """Statuses 1, 2 and 7 (approval, queue, awaiting the carrier) are not final."""
    _sent_by_esms(settings)
    url = reverse("notices:esms_callback", args=["test-callback-secret"])
    for status in ("1", "2", "7"):
        response = client.get(url, {"SMSID": "sms-1", "SendStatus": status})
        assert response.status_code == 200 and response.json()["matched"] is False
    assert Notice.objects.get().delivery == Delivery.UNKNOWN


def test_a_report_found_by_its_request_id_when_the_text_has_no_id(esms, client, settings):
    """A text taken on a retry answered 124 keeps no SMSID: its key finds it."""
    _sent_by_esms(settings, key="petition-7-status")
    Notice.objects.update(provider_id="")
    url = reverse("notices:esms_callback", args=["test-callback-secret"])
    report = {"SMSID": "sms-9", "RequestId": "petition-7-status", "SendStatus": "5"}
    client.get(url, {**report, "SendSuccess": "1", "SendFailed": "0"})
    assert Notice.objects.get().delivery == Delivery.DELIVERED


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


def test_a_retry_after_a_lost_answer_is_not_sent_twice(settings):
    """eSMS took the text but its answer was lost (500): the retry carries the same
    RequestId, eSMS answers 124 (seen), and the notice is sent, the text taken once."""
    settings.COSO_NOTICE_BACKOFF_SECONDS = 0
    provider = FakeEsms(lose=1)
    with fake_gateway({ESMS_PATH: [provider]}) as gateway:
        _esms(settings, gateway, provider)
        services.notify(key="k-lost", to="+84 912 345 678", subject="", body=TEXT, channel="sms")
        assert services.deliver()[:2] == (0, 1)
        assert services.deliver()[:2] == (1, 0)
        services.deliver()
    assert len(gateway.received) == 2 and len(provider.taken) == 1
    assert provider.taken[0]["Phone"] == "0912345678"  # eSMS's national form
    notice = Notice.objects.get()
    assert notice.state == State.SENT and notice.provider_id == "" and notice.attempts == 2


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"COSO_ESMS_BRANDNAME": "NOT REGISTERED"}, "eSMS 104"),
        ({"COSO_ESMS_API_KEY": "wrong"}, "eSMS 101"),
    ],
)
def test_a_text_esms_refuses_for_good_is_given_up_at_once(esms, provider, settings, change, code):
    settings.COSO_NOTICE_ATTEMPTS, settings.COSO_NOTICE_BACKOFF_SECONDS = 5, 0
    for name, value in change.items():
        setattr(settings, name, value)
    services.notify(key="k", to="0912345678", subject="", body="b", channel="sms")
    services.deliver()  # the 500
    services.deliver()
    notice = Notice.objects.get()
    assert notice.state == State.FAILED and notice.attempts == 2 and code in notice.last_error
    assert provider.taken == []


def test_a_long_key_goes_as_a_request_id_esms_takes(esms, provider, settings):
    """RequestId is at most 50 characters: a longer key goes as its digest, the same on
    every try."""
    key = "reminder:" + "x" * 120
    _sent_by_esms(settings, key=key)
    first, second = (r.json()["RequestId"] for r in esms.to(ESMS_PATH))
    assert first == second == sms.esms_request_id(key) and len(first) == 50
    assert len(provider.taken) == 1


# The delivery reports as eSMS documents them (…/esms-api/callback-url): the sample for
# a customer-care text, then its statuses 1, 2, 7 (not final), 4 (refused), 5 (done).
ESMS_SAMPLE = (
    "SMSID=dc712784-9c5f-4c69-b9a8-ea69d56adc9a87&SendFailed=2&SendStatus=5&SendSuccess=0"
    "&TotalPrice=0.0000&TotalReceiver=2&TotalSent=2&RequestId=&TypeId=2&telcoid=1"
    "&phonenumber=0901888484&switchsmsid="
)


@pytest.mark.parametrize(
    ("params", "delivered"),
    [
        (dict(urllib.parse.parse_qsl(ESMS_SAMPLE, keep_blank_values=True)), False),
        ({"SendStatus": "5", "SendSuccess": "1", "SendFailed": "0"}, True),
        ({"SendStatus": "4", "SendSuccess": "0", "SendFailed": "1"}, False),
        ({"SendStatus": "7", "SendSuccess": "0", "SendFailed": "0"}, None),
        ({"SendStatus": "1"}, None),
        ({"SendStatus": "2"}, None),
        ({"SendStatus": "5", "SendSuccess": "0", "SendFailed": "0"}, None),
    ],
)
def test_what_an_esms_report_says(params, delivered):
    assert sms.esms_delivery(params) is delivered


def _zalo(settings, gateway, fake: FakeZalo) -> None:  # type: ignore[no-untyped-def]
    settings.COSO_ZALO_BACKEND = "coso.notices.zalo.ZnsBackend"
    settings.COSO_ZALO_ZNS_URL = gateway.url + ZNS_PATH
    settings.COSO_ZALO_OAUTH_URL = gateway.url + OAUTH_PATH
    settings.COSO_ZALO_APP_ID, settings.COSO_ZALO_APP_SECRET = fake.app_id, fake.app_secret
    settings.COSO_ZALO_REFRESH_TOKEN = "refresh-0"
    settings.COSO_ZALO_TEMPLATE_ID = fake.template_id


def test_a_zalo_message_is_retried_and_sent_once_with_a_fresh_token(settings, client):
    fake = FakeZalo()
    script = {ZNS_PATH: [(500, {}), fake.zns], OAUTH_PATH: [fake.oauth]}
    body = TEXT * 5  # longer than the template's parameter: cut to its length
    with fake_gateway(script) as gateway:
        _zalo(settings, gateway, fake)
        services.notify(
            key="vote-3-open", to="0912 345 678", subject="Biểu quyết", body=body, channel="zalo"
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
    content = body[:199].rstrip() + "…"
    assert (
        first.json()
        == second.json()
        == {
            "phone": "84912345678",
            "template_id": "tpl-9",
            "template_data": {"title": "Biểu quyết", "content": content},
            "tracking_id": "vote-3-open",
        }
    )
    assert second.headers["access_token"] == "access-1" and fake.taken == [second.json()]
    token = ZaloToken.objects.get()
    assert (token.access_token, token.refresh_token) == ("access-1", "refresh-1")
    notice = Notice.objects.get()
    assert notice.state == State.SENT and notice.provider_id == "z-1"
    event = {  # as Zalo's webhook sends it for a ZNS message received
        "event_name": "user_received_message",
        "app_id": "app-1",
        "timestamp": "1602560967477",
        "sender": {"id": "oa-1"},
        "recipient": {"id": "84912345678"},
        "message": {"msg_id": "z-1", "tracking_id": "vote-3-open", "delivery_time": "1"},
    }
    url = reverse("notices:zalo_callback", args=["test-callback-secret"])
    assert client.post(url, event, content_type="application/json").status_code == 200
    assert Notice.objects.get().delivery == Delivery.DELIVERED


def test_a_token_zalo_refuses_is_renewed_and_the_message_sent_again(settings, time_machine):
    time_machine.move_to(NOW, tick=False)
    fake = FakeZalo(refresh_token="refresh-4")  # ZNS knows no access token: -124
    ZaloToken.objects.create(  # the one row the backend reads (pk 1)
        pk=1,
        access_token="revoked",
        refresh_token="refresh-4",
        expires_at=NOW + dt.timedelta(hours=20),
    )
    with fake_gateway({ZNS_PATH: [fake.zns], OAUTH_PATH: [fake.oauth]}) as gateway:
        _zalo(settings, gateway, fake)
        services.notify(key="k", to="+84912345678", subject="s", body="b", channel="zalo")
        assert services.deliver()[:2] == (1, 0)
    assert [r.headers["access_token"] for r in gateway.to(ZNS_PATH)] == ["revoked", "access-1"]
    (renewal,) = gateway.to(OAUTH_PATH)
    assert "refresh_token=refresh-4" in renewal.body.decode()
    assert ZaloToken.objects.get().refresh_token == "refresh-1" and len(fake.taken) == 1


def test_zns_s_unknown_error_is_tried_again_other_refusals_are_not(settings):
    fake = FakeZalo()
    fake.access_tokens.add("a")
    ZaloToken.objects.create(
        pk=1, access_token="a", expires_at=dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
    )
    unknown = (200, {"error": -100, "message": "Unknown error"})
    refused = (200, {"error": -109, "message": "Template ID invalid"})
    with fake_gateway({ZNS_PATH: [unknown, refused]}) as gateway:
        _zalo(settings, gateway, fake)
        services.notify(key="k", to="0912345678", subject="s", body="b", channel="zalo")
        assert services.deliver()[:2] == (0, 1)
        assert Notice.objects.get().state == State.PENDING
        services.deliver()
    notice = Notice.objects.get()
    assert notice.state == State.FAILED and "ZNS -109" in notice.last_error


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


@pytest.mark.parametrize("prefix", ["mac=", ""])
def test_zalo_s_signature_is_checked_over_the_body_as_sent(settings, prefix):
    """Attack: a body changed, a timestamp changed or another key does not pass."""
    settings.COSO_ZALO_APP_ID, settings.COSO_ZALO_OA_SECRET_KEY = "app-1", "oa-secret"
    body = b'{"event_name":"user_received_message","timestamp":"17"}'
    mac = hashlib.sha256(b"app-1" + body + b"17oa-secret").hexdigest()
    assert zalo.event_signed(body, "17", prefix + mac)
    assert not zalo.event_signed(body.replace(b"17", b"18"), "17", prefix + mac)
    assert not zalo.event_signed(body, "18", prefix + mac)
    settings.COSO_ZALO_OA_SECRET_KEY = "another"
    assert not zalo.event_signed(body, "17", prefix + mac)
    settings.COSO_ZALO_OA_SECRET_KEY = ""
    assert not zalo.event_signed(body, "17", prefix + mac)


def test_esms_s_sandbox_is_asked_for_when_set(esms, provider, settings):
    settings.COSO_ESMS_SANDBOX = True
    _sent_by_esms(settings)
    assert provider.taken[0]["Sandbox"] == "1"
