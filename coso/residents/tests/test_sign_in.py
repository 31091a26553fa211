"""Household sign-in tells nothing by its timing — one password hash on every path,
counted rather than timed — and a lock ends the login's open sessions; the wrong-code
message speaks the form's words; the header says who is signed in."""

import datetime as dt

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from coso.core.errors import DomainError
from coso.people.tests.factories import make_household
from coso.residents import services
from coso.residents.forms import SignInForm
from coso.residents.models import HouseholdAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(tree, village_head):
    make_household(tree.village_a, "NL-7")
    return services.issue_codes(actor=village_head, village=tree.village_a)[0]


@pytest.fixture
def with_pin(issued):
    access, _choose = services.sign_in(login=issued["login"], secret=issued["code"])
    services.set_pin(access=access, pin="482915")
    return issued


@pytest.fixture
def hashes(monkeypatch):
    """Counts password hashes run (the test settings' hasher) and `check_password`
    calls made by sign-in."""
    counted = {"hashes": 0, "checks": 0}
    encode = MD5PasswordHasher.encode
    check = services.check_password

    def counting_encode(self, password, salt):
        counted["hashes"] += 1
        return encode(self, password, salt)

    def counting_check(*args, **kwargs):
        counted["checks"] += 1
        return check(*args, **kwargs)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)
    monkeypatch.setattr(services, "check_password", counting_check)
    return counted


def _attempt(login, secret):
    try:
        services.sign_in(login=login, secret=secret)
    except DomainError as error:
        return error.message
    return "signed in"


def _lock(login):
    for _ in range(5):
        _attempt(login, "999999")


def _count(hashes, login, secret):
    hashes.update(hashes=0, checks=0)
    outcome = _attempt(login, secret)
    return outcome, hashes["hashes"], hashes["checks"]


def test_every_sign_in_path_runs_one_password_hash(with_pin, hashes, settings):
    login = with_pin["login"]
    unknown = _count(hashes, "NOSUCH12", "482915")
    wrong = _count(hashes, login, "739164")
    right = _count(hashes, login, "482915")
    empty = _count(hashes, login, "")
    _lock(login)
    locked = _count(hashes, login, "482915")  # even the right PIN
    assert [unknown[1:], wrong[1:], right[1:], empty[1:], locked[1:]] == [(1, 1)] * 5
    assert unknown[0] == wrong[0] == empty[0] == locked[0] != "signed in"
    assert right[0] == "signed in"


def test_activation_revoked_and_sms_paths_run_one_hash_too(
    tree, issued, village_head, hashes, notices_send
):
    from coso.notices import sms

    access = HouseholdAccess.objects.get(login=issued["login"])
    assert _count(hashes, issued["login"], "WRONG12345")[1:] == (1, 1)
    assert _count(hashes, issued["login"], issued["code"]) == ("signed in", 1, 1)
    # No PIN yet: checked against nothing, at the same cost; then an SMS code.
    assert _count(hashes, issued["login"], "482915")[1:] == (1, 1)
    access.household.phone = "0912345678"
    access.household.save()
    sms.outbox.clear()
    services.send_sms_code(login=issued["login"])
    notices_send()
    code = sms.outbox[0][1].split(": ")[1][:6]
    assert _count(hashes, issued["login"], code) == ("signed in", 1, 1)
    services.revoke(actor=village_head, access=access)
    assert _count(hashes, issued["login"], "482915")[1:] == (1, 1)


def test_a_lock_ends_the_logins_open_sessions(client, with_pin, settings):
    settings.COSO_RATE_LIMITS = {k: "1000/m" for k in settings.COSO_RATE_LIMITS}
    client.post(reverse("residents:sign_in"), {"login": with_pin["login"], "secret": "482915"})
    assert client.get(reverse("residents:home")).status_code == 200
    _lock(with_pin["login"])
    assert client.get(reverse("residents:home"))["Location"] == reverse("residents:sign_in")


def test_the_lock_still_ends_in_time(with_pin, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False)
    _lock(with_pin["login"])
    assert _attempt(with_pin["login"], "482915") != "signed in"
    time_machine.move_to(dt.datetime(2026, 11, 25, 3, 16, tzinfo=dt.UTC), tick=False)
    assert _attempt(with_pin["login"], "482915") == "signed in"


def test_the_wrong_code_message_uses_the_forms_words(client, issued):
    response = client.post(
        reverse("residents:sign_in"), {"login": issued["login"], "secret": "WRONG12345"}
    )
    page = response.content.decode()
    assert "mã bí mật" not in page.lower()
    message = _attempt(issued["login"], "WRONG12345")
    labels = " ".join(str(f.label) for f in SignInForm().fields.values()).lower()
    # Every kind of code the message names is one the form names.
    for words in ("mã đăng nhập của hộ", "mã kích hoạt", "mã pin", "mã nhận qua tin nhắn"):
        assert words in message.lower() and words in labels
    assert message in page


def test_the_header_names_the_signed_in_household(client, with_pin):
    public = client.get(reverse("portal:home")).content.decode()
    assert reverse("accounts:login") in public and 'id="signed-in"' not in public
    client.post(reverse("residents:sign_in"), {"login": with_pin["login"], "secret": "482915"})
    page = client.get(reverse("portal:home")).content.decode()
    assert 'id="signed-in"' in page and "Hộ Lò Văn Pọm" in page
    assert f'href="{reverse("accounts:login")}"' not in page
    assert f'action="{reverse("residents:sign_out")}"' in page
    client.post(reverse("residents:sign_out"))
    assert "Hộ Lò Văn Pọm" not in client.get(reverse("portal:home")).content.decode()


def test_a_household_without_a_head_on_its_list_is_named_by_its_number(client, tree, village_head):
    from coso.people.models import Resident

    household = make_household(tree.village_a, "NL-9")
    Resident.objects.filter(household=household).delete()  # a list not yet filled in
    issued = services.issue_codes(actor=village_head, village=tree.village_a)[0]
    client.post(reverse("residents:sign_in"), {"login": issued["login"], "secret": issued["code"]})
    assert "Hộ NL-9" in client.get(reverse("residents:pin")).content.decode()


def test_the_header_names_the_signed_in_official(client, official_a):
    official_a.full_name = "Nguyễn Thị Hoa"
    official_a.save()
    client.force_login(official_a)
    page = client.get(reverse("portal:home")).content.decode()
    assert 'id="signed-in"' in page and "Nguyễn Thị Hoa" in page
    assert f'href="{reverse("accounts:login")}"' not in page
