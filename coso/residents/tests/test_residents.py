"""A household signs in as itself: the village head's printed code, its own PIN, a code
by SMS; five wrong secrets lock the login; revoking ends the session. With it the
household opts in to online voting, follows its petitions (never a denunciation) and
the follow-ups it raised."""

import datetime as dt

import pytest
from django.urls import reverse

from coso.core.models import AuditEntry
from coso.decisions.models import OnlineOptIn
from coso.notices import sms
from coso.notices.models import Notice, State
from coso.notices.tests.fake_gateway import fake_gateway
from coso.people.tests.factories import make_household
from coso.petitions.models import Petition
from coso.residents import services
from coso.residents.models import HouseholdAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(tree):
    return make_household(tree.village_a, "NL-7")


@pytest.fixture
def issued(household, village_head):
    return services.issue_codes(actor=village_head, village=household.village)[0]


def sign_in(client, login, secret):
    return client.post(reverse("residents:sign_in"), {"login": login, "secret": secret})


def test_a_household_activates_sets_a_pin_and_opts_in(client, household, issued, village_head):
    assert issued["household"] == "NL-7" and len(issued["code"]) == 10
    response = sign_in(client, issued["login"].lower(), issued["code"])
    assert response["Location"] == reverse("residents:pin")
    assert (
        client.post(reverse("residents:pin"), {"pin": "111111", "again": "111111"}).status_code
        == 400
    )
    assert (
        client.post(reverse("residents:pin"), {"pin": "482915", "again": "482915"}).status_code
        == 302
    )
    client.post(reverse("residents:home"), {"online": "1"})
    assert OnlineOptIn.objects.filter(household=household).exists()
    # The activation code worked once; from now on the PIN.
    client.post(reverse("residents:sign_out"))
    assert sign_in(client, issued["login"], issued["code"]).status_code == 400
    assert sign_in(client, issued["login"], "482915")["Location"] == reverse("residents:home")
    assert "NL-7" in client.get(reverse("residents:home")).content.decode()
    events = AuditEntry.objects.filter(model="residents.householdaccess")
    assert [e.changes["event"] for e in events.order_by("seq")] == [
        "issued",
        "activated",
        "pin set",
        "signed in by pin",
    ]


def test_five_wrong_secrets_lock_the_login(client, household, issued, time_machine, settings):
    settings.COSO_RATE_LIMITS = {k: "1000/m" for k in settings.COSO_RATE_LIMITS}
    time_machine.move_to(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False)
    for _ in range(5):
        assert "không đúng" in sign_in(client, issued["login"], "WRONG12345").content.decode()
    locked = sign_in(client, issued["login"], issued["code"])
    assert locked.status_code == 400  # even the right code, for now
    unknown = sign_in(client, "NOSUCH12", "WRONG12345")
    # A locked login and an unknown one get the same answer: no login is revealed.
    assert locked.content.decode().count("không đúng") == unknown.content.decode().count(
        "không đúng"
    )
    time_machine.move_to(dt.datetime(2026, 11, 25, 3, 16, tzinfo=dt.UTC), tick=False)
    assert sign_in(client, issued["login"], issued["code"]).status_code == 302


def test_the_village_head_revokes_and_the_session_ends(client, household, issued, village_head):
    sign_in(client, issued["login"], issued["code"])
    assert client.get(reverse("residents:home")).status_code == 200
    head = client.__class__()
    head.force_login(village_head)
    access = HouseholdAccess.objects.get(household=household)
    assert head.post(reverse("residents:revoke", args=[access.pk])).status_code == 302
    assert client.get(reverse("residents:home"))["Location"] == reverse("residents:sign_in")
    assert sign_in(client, issued["login"], issued["code"]).status_code == 400


def test_a_code_by_sms_to_the_phone_on_the_list(client, household, issued, notices_send):
    sms.outbox.clear()
    client.post(reverse("residents:sms"), {"login": issued["login"]})
    assert sms.outbox == []  # no phone on the list: nothing sent, the same answer
    household.phone = "0912345678"
    household.save()
    client.post(reverse("residents:sms"), {"login": issued["login"]})
    notices_send()
    ((to, text),) = sms.outbox
    code = text.split(": ")[1][:6]
    assert to == "0912345678" and code.isdigit()
    assert sign_in(client, issued["login"], code).status_code == 302
    assert sign_in(client, issued["login"], code).status_code == 400  # once only


def test_a_code_asked_while_the_sms_gateway_is_down_still_goes_later(
    client, household, issued, settings, notices_send
):
    """The action never waits on the gateway: the request answers as usual, and the
    outbox sends the code when eSMS answers again (first 500, then taken)."""
    household.phone = "0912345678"
    household.save()
    path = "/send/"
    taken = {"CodeResult": "100", "SMSID": "s-1"}
    with fake_gateway({path: [(500, {}), (200, taken)]}) as gateway:
        settings.COSO_SMS_BACKEND = "coso.notices.sms.EsmsBackend"
        settings.COSO_ESMS_URL = gateway.url + path
        response = client.post(reverse("residents:sms"), {"login": issued["login"]})
        assert response.status_code == 302 and not gateway.received  # nothing in the request
        notices_send()
        assert Notice.objects.get(channel="sms").state == State.PENDING
        notices_send()
    assert len(gateway.received) == 2 and Notice.objects.get(channel="sms").state == State.SENT
    code = gateway.received[-1].json()["Content"].split(": ")[1][:6]
    assert sign_in(client, issued["login"], code).status_code == 302


def test_without_an_sms_gateway_no_code_is_offered_or_sent(
    client, household, issued, settings, notices_send
):
    settings.COSO_SMS_BACKEND = ""  # production's default until a gateway is set
    household.phone = "0912345678"
    household.save()
    sms.outbox.clear()
    page = client.get(reverse("residents:sign_in")).content.decode()
    assert reverse("residents:sms") not in page and 'id="sign-in"' in page
    response = client.post(reverse("residents:sms"), {"login": issued["login"]})
    notices_send()
    assert response.status_code == 404 and sms.outbox == []
    assert not Notice.objects.filter(channel="sms").exists()


def test_the_household_follows_its_petitions_but_never_a_denunciation(
    client, tree, household, issued
):
    sign_in(client, issued["login"], issued["code"])
    for kind, subject in (("feedback", "Đèn hỏng"), ("denunciation", "Tố cáo thu tiền")):
        client.post(
            reverse("petitions:submit"),
            {
                "kind": kind,
                "province": tree.province.code,
                "commune": tree.a.code,
                "category": "roads",
                "subject": subject,
                "description": "x",
                "sender_name": "A",
            },
        )
    assert Petition.objects.count() == 2
    assert list(Petition.objects.filter(household=household).values_list("kind", flat=True)) == [
        "feedback"
    ]
    page = client.get(reverse("residents:home")).content.decode()
    assert "Đèn hỏng" in page and "Tố cáo" not in page


def test_another_villages_head_cannot_issue_or_revoke(client, tree, household, issued):
    from coso.accounts.models import Role, RoleAssignment, User

    other = User.objects.create_user("head_b")
    RoleAssignment.objects.create(user=other, unit=tree.village_b, role=Role.VILLAGE_HEAD)
    client.force_login(other)
    access = HouseholdAccess.objects.get(household=household)
    assert client.get(reverse("residents:logins", args=[tree.village_a.code])).status_code == 404
    assert client.post(reverse("residents:revoke", args=[access.pk])).status_code == 404
    access.refresh_from_db()
    assert access.revoked_at is None


def test_the_household_follows_the_followups_it_raised(client, tree, household, issued, official_a):
    from coso.dialogues import services as dialogues
    from coso.followups.services import Promise

    today = dt.date.today()
    meeting = dialogues.meeting_create(
        actor=official_a,
        unit=tree.a,
        data=dialogues.MeetingData(kind="dialogue", date=today, place="x", chair="y"),
    )
    followup = dialogues.item_add(
        actor=official_a,
        meeting=meeting,
        data=dialogues.ItemData(
            text="Đường hỏng",
            commitment=Promise(
                "Sửa đường bản Nà Luông", tree.a, "Chủ tịch", today, today, raised_by_resident=True
            ),
        ),
    ).followup
    sign_in(client, issued["login"], issued["code"])
    assert "Sửa đường" not in client.get(reverse("residents:home")).content.decode()
    client.post(reverse("followups:respond"), {"code": followup.confirm_code})
    assert "Sửa đường bản Nà Luông" in client.get(reverse("residents:home")).content.decode()


def test_a_new_pin_ends_the_households_other_sessions(client, household, issued):
    sign_in(client, issued["login"], issued["code"])
    client.post(reverse("residents:pin"), {"pin": "482915", "again": "482915"})
    other = client.__class__()
    sign_in(other, issued["login"], "482915")
    assert other.get(reverse("residents:home")).status_code == 200
    client.post(reverse("residents:pin"), {"pin": "739164", "again": "739164"})
    assert client.get(reverse("residents:home")).status_code == 200  # this one goes on
    assert other.get(reverse("residents:home"))["Location"] == reverse("residents:sign_in")


def test_one_text_a_minute_and_no_code_kept(client, household, issued, notices_send):
    sms.outbox.clear()
    household.phone = "0912345678"
    household.save()
    for _ in range(3):
        client.post(reverse("residents:sms"), {"login": issued["login"]})
        notices_send()
    assert len(sms.outbox) == 1
    assert Notice.objects.get(channel="sms").body == ""


def test_a_household_id_that_is_no_number_is_no_server_error(client, tree, village_head):
    client.force_login(village_head)
    response = client.post(
        reverse("residents:logins", args=[tree.village_a.code]), {"household": "abc"}
    )
    assert response.status_code == 200
