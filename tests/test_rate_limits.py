"""Anonymous senders are limited per address: past the rate, 429 with a Vietnamese
message, and nothing more is written; another address is not affected."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from coso.petitions.models import Petition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    # A fixed moment: the limit's window cannot turn over in the middle of a test.
    time_machine.move_to(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False)


def _limit(group: str) -> int:
    return int(settings.COSO_RATE_LIMITS[group].split("/")[0])


def _petition(tree) -> dict[str, str]:
    return {
        "kind": "feedback",
        "province": tree.province.code,
        "commune": tree.a.code,
        "category": "other",
        "subject": "Đèn đường hỏng",
        "description": "Đèn đường trước nhà văn hóa hỏng đã một tuần.",
    }


FORMS = {
    "petition": (reverse("petitions:submit"), None),
    "vote": (reverse("decisions:vote"), {"code": "NOSUCH12"}),
    "signin": (reverse("accounts:login"), {"username": "xa", "password": "wrong"}),
    "signin (admin)": (reverse("admin:login"), {"username": "xa", "password": "wrong"}),
}


@pytest.mark.parametrize("name", FORMS)
def test_past_the_rate_one_address_gets_429(client, tree, name, settings):
    # Sign-in also locks after repeated failures (django-axes, tested in accounts):
    # here only the rate limit is under test.
    settings.AXES_ENABLED = False
    url, payload = FORMS[name]
    payload = payload or _petition(tree)
    limit = _limit(name.split()[0])
    for _ in range(limit):
        assert client.post(url, payload).status_code != 429
    refused = client.post(url, payload)
    assert refused.status_code == 429
    assert "quá nhiều yêu cầu" in refused.content.decode()
    assert client.post(url, payload, REMOTE_ADDR="10.1.2.3").status_code != 429
    if name == "petition":
        assert Petition.objects.count() == limit + 1  # the last one from the other address


def test_codes_looked_up_by_get_count_too(client, tree):
    url = reverse("decisions:vote")
    for _ in range(_limit("vote")):
        assert client.get(url, {"code": "NOSUCH12"}).status_code == 200
    assert client.get(url, {"code": "NOSUCH12"}).status_code == 429
    assert client.get(url).status_code == 200  # the empty form itself is never limited


def test_behind_a_proxy_the_address_it_added_counts(client, tree, settings):
    settings.COSO_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    url = reverse("decisions:vote")
    for i in range(_limit("vote")):
        # A client cannot change buckets by claiming addresses before the proxy's own.
        client.get(url, {"code": "NOSUCH12"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 203.0.113.7")
    refused = client.get(url, {"code": "X"}, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert refused.status_code == 429
    other = client.get(url, {"code": "X"}, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200
