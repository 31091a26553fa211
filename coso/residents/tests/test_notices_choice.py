"""A signed-in household chooses on its page how it is told — SMS or Zalo to the phone
on the household list — or stops notices; the outbox honours the choice end to end
(page → notify_residents → deliver with the memory gateways)."""

import pytest
from django.urls import reverse

from coso.core.models import AuditEntry
from coso.notices import services as notices
from coso.notices import sms, zalo
from coso.notices.models import Channel, Notice, Preference
from coso.people.tests.factories import make_household
from coso.residents import services

pytestmark = pytest.mark.django_db

PHONES = {"NL-1": "0912 345 671", "NL-2": "0912345672"}


@pytest.fixture
def village(tree, village_head):
    """Two households of the village with a phone on the list, one without."""
    homes = {}
    for code in ("NL-1", "NL-2", "NL-3"):
        home = make_household(tree.village_a, code)
        home.phone = PHONES.get(code, "")
        home.save()
        homes[code] = home
    sheet = services.issue_codes(actor=village_head, village=tree.village_a)
    return homes, {row["household"]: row for row in sheet}


@pytest.fixture(autouse=True)
def _gateways():
    sms.outbox.clear()
    zalo.outbox.clear()


def sign_in(client, row):
    client.post(reverse("residents:sign_in"), {"login": row["login"], "secret": row["code"]})


def choose(client, choice):
    return client.post(reverse("residents:home"), {"notices": choice})


def tell_the_village(homes, what="vote-1"):
    """What an event (a vote opened in the village) does: one notice per household."""
    notices.notify_residents(
        [(f"household:{h.pk}", f"{what}:{h.pk}", h.phone, "") for h in homes.values()],
        subject="Biểu quyết mới",
        body="Thôn mở biểu quyết: chọn ngày hội bản.",
    )


def sent_to(phone):
    """What the gateways received for this phone (the outbox writes it without spaces;
    ZNS takes it as 84…)."""
    digits = phone.replace(" ", "")
    texts = [to for to, _text in sms.outbox if to == digits]
    zns = [to for to, _data, _ref in zalo.outbox if to == "84" + digits[1:]]
    return texts + zns


def test_a_household_that_stopped_notices_gets_none(client, village):
    homes, sheet = village
    sign_in(client, sheet["NL-1"])
    response = choose(client, "stop")
    assert response.status_code == 302 and response["Location"] == reverse("residents:home")
    entry = AuditEntry.objects.filter(model="residents.householdaccess").latest("id")
    assert entry.changes == {"event": "notices: stop"}
    tell_the_village(homes)
    assert (
        Notice.objects.filter(key__startswith="vote-1:").count() == 1
    )  # NL-2 only; NL-3 has no phone
    notices.deliver()
    assert sent_to(PHONES["NL-1"]) == []
    assert len(sent_to(PHONES["NL-2"])) == 1
    page = client.get(reverse("residents:home")).content.decode()
    assert 'value="stop" checked' in page


def test_a_household_that_chose_zalo_is_told_on_zalo(client, village):
    homes, sheet = village
    sign_in(client, sheet["NL-1"])
    assert choose(client, "zalo").status_code == 302
    tell_the_village(homes)
    assert Notice.objects.get(key=f"vote-1:{homes['NL-1'].pk}").channel == Channel.ZALO
    assert Notice.objects.get(key=f"vote-1:{homes['NL-2'].pk}").channel == Channel.SMS
    notices.deliver()
    assert [to for to, _data, _ref in zalo.outbox] == ["84912345671"]
    assert [to for to, _text in sms.outbox] == [PHONES["NL-2"]]
    # Taking notices up again after stopping keeps working, on the channel chosen.
    choose(client, "stop")
    choose(client, "sms")
    assert notices.resident_preference(f"household:{homes['NL-1'].pk}") == ("sms", False)
    sms.outbox.clear()
    tell_the_village(homes, "vote-2")
    notices.deliver()
    assert sorted(to for to, _text in sms.outbox) == ["0912345671", "0912345672"]


def test_the_page_names_the_phone_masked(client, village):
    _homes, sheet = village
    sign_in(client, sheet["NL-1"])
    page = client.get(reverse("residents:home")).content.decode()
    assert 'id="notices-phone">*******671<' in page
    assert "0912 345" not in page and "912345671" not in page
    for value in ("sms", "zalo", "stop"):
        assert f'name="notices" value="{value}"' in page
    assert 'value="email"' not in page


def test_an_unknown_channel_is_refused_in_vietnamese(client, village):
    homes, sheet = village
    sign_in(client, sheet["NL-1"])
    for bad in ("fax", "email", ""):
        response = choose(client, bad)
        assert response.status_code == 400
        page = response.content.decode()
        if bad:
            assert "Hãy chọn một cách nhận thông báo trong danh sách" in page
    assert not Preference.objects.exists()


def test_a_household_without_a_phone_is_told_the_village_head_can_add_it(client, village):
    homes, sheet = village
    sign_in(client, sheet["NL-3"])
    page = client.get(reverse("residents:home")).content.decode()
    assert "chưa có số điện thoại của hộ" in page and "có thể thêm số điện thoại" in page
    assert 'name="notices"' not in page
    # A phone is the only address a household has: choosing a channel is refused.
    assert choose(client, "sms").status_code == 400
    assert not Preference.objects.exists()


def test_only_the_signed_in_household_chooses(client, village):
    response = choose(client, "stop")
    assert response["Location"] == reverse("residents:sign_in")
    assert not Preference.objects.exists()
