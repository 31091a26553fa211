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
