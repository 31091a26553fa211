"""Sign-in hardening: lockout after repeated failures, a TOTP second factor for roles
that read personal data, sessions that end when idle, security headers."""

import base64
import datetime as dt

import pyotp
import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from coso.accounts import twofactor
from coso.accounts.models import Role, RoleAssignment, User

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-2026"


@pytest.fixture
def official(tree):
    user = User.objects.create_user("xa", password=PASSWORD)
    RoleAssignment.objects.create(user=user, unit=tree.a, role=Role.COMMUNE_OFFICIAL)
    return user


@pytest.fixture
def viewer(tree):
    user = User.objects.create_user("tinh", password=PASSWORD)
    RoleAssignment.objects.create(user=user, unit=tree.province, role=Role.PROVINCE_VIEWER)
    return user


@pytest.fixture
def second_factor(settings):
    settings.COSO_2FA_WAIVED = False


def sign_in(client, username: str, password: str = PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def totp(device: TOTPDevice) -> pyotp.TOTP:
    return pyotp.TOTP(base64.b32encode(device.bin_key).decode())


class TestLockout:
    def test_the_6th_wrong_password_locks_the_account(self, client, official):
        for _ in range(5):
            response = sign_in(client, "xa", "sai-mat-khau")
            assert response.status_code == 200 and "Tạm khóa" not in response.content.decode()
        locked = sign_in(client, "xa", "sai-mat-khau")
        assert locked.status_code == 429
        page = locked.content.decode()
        assert "tạm khóa đăng nhập trong 15 phút" in page
        # The right password is refused too, from another address as well.
        assert sign_in(client, "xa").status_code == 429
        assert sign_in(client, "xa", REMOTE_ADDR="10.9.9.9").status_code == 429

    def test_the_lock_ends_after_the_cool_off(self, client, official, time_machine):
        time_machine.move_to(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False)
        for _ in range(6):
            sign_in(client, "xa", "sai-mat-khau")
        assert sign_in(client, "xa").status_code == 429
        time_machine.move_to(dt.datetime(2026, 11, 25, 9, 16, tzinfo=dt.UTC), tick=False)
        assert sign_in(client, "xa").status_code == 302

    def test_one_address_trying_many_accounts_is_locked(self, client, official, viewer):
        for name in ["a", "b", "c", "d", "e", "f"]:
            sign_in(client, name, "sai")
        assert sign_in(client, "tinh").status_code == 429
        assert sign_in(client, "tinh", REMOTE_ADDR="10.9.9.9").status_code == 302

    def test_the_admin_sign_in_is_locked_too(self, client, official):
        for _ in range(6):
            client.post(reverse("admin:login"), {"username": "xa", "password": "sai"})
        assert sign_in(client, "xa").status_code == 429


class TestSecondFactor:
    def test_an_official_who_reads_personal_data_must_set_it_up(
        self, client, official, second_factor, time_machine
    ):
        time_machine.move_to(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False)
        assert twofactor.required(official)
        assert sign_in(client, "xa").status_code == 302
        home = client.get(reverse("portal:official_home"))
        assert home.status_code == 302 and home["Location"].startswith(
            reverse("accounts:two_factor")
        )
        # Nor may the API or the token page be used before the second factor.
        assert client.get("/api/petitions", {"unit": "x"}).status_code == 401
        assert client.get(reverse("accounts:account")).status_code == 302
        setup = client.get(reverse("accounts:two_factor")).content.decode()
        assert "<svg" in setup and 'id="secret"' in setup
        device = TOTPDevice.objects.get(user=official)
        assert not device.confirmed
        wrong = client.post(reverse("accounts:two_factor"), {"code": "000000"})
        assert "Mã không đúng" in wrong.content.decode()
        # django-otp makes each failure wait longer before the next try (1 s, 2 s, …).
        time_machine.move_to(dt.datetime(2026, 11, 25, 9, 0, 5, tzinfo=dt.UTC), tick=False)
        done = client.post(
            reverse("accounts:two_factor"), {"code": totp(device).now(), "next": "/app/"}
        )
        assert done.status_code == 302 and done["Location"] == "/app/"
        assert client.get(reverse("portal:official_home")).status_code == 200
        device.refresh_from_db()
        assert device.confirmed

    def test_next_sign_in_asks_for_the_code(self, client, official, second_factor):
        device = TOTPDevice.objects.create(user=official, name="Coso", confirmed=True)
        sign_in(client, "xa")
        page = client.get(reverse("accounts:two_factor")).content.decode()
        assert "<svg" not in page  # no new set-up once a device exists
        assert client.get(reverse("petitions:worklist", args=["x"])).status_code == 302
        client.post(reverse("accounts:two_factor"), {"code": totp(device).now()})
        assert client.get(reverse("portal:official_home")).status_code == 200

    def test_optional_for_monitoring_roles(self, client, viewer, second_factor):
        assert not twofactor.required(viewer)
        sign_in(client, "tinh")
        home = client.get(reverse("portal:official_home"), follow=True)
        assert home.status_code == 200 and "Bảng điều hành" in home.content.decode()

    def test_the_demo_waiver_is_refused_in_production(self, tmp_path):
        from coso.core.tests.test_settings import PRODUCTION_ENV, _coso

        result = _coso(["check"], **PRODUCTION_ENV, COSO_VAR_DIR=str(tmp_path), COSO_2FA_WAIVED="1")
        assert result.returncode != 0 and "COSO_2FA_WAIVED" in result.stderr


class TestSessions:
    def test_a_session_ends_after_30_idle_minutes(self, client, viewer, time_machine):
        time_machine.move_to(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=True)
        sign_in(client, "tinh")
        time_machine.move_to(dt.datetime(2026, 11, 25, 9, 25, tzinfo=dt.UTC), tick=True)
        assert client.get(reverse("accounts:account")).status_code == 200  # renews
        time_machine.move_to(dt.datetime(2026, 11, 25, 9, 50, tzinfo=dt.UTC), tick=True)
        assert client.get(reverse("accounts:account")).status_code == 200
        time_machine.move_to(dt.datetime(2026, 11, 25, 10, 21, tzinfo=dt.UTC), tick=True)
        assert client.get(reverse("accounts:account")).status_code == 302

    def test_the_password_policy_is_shown_in_vietnamese(self, client, viewer):
        client.force_login(viewer)
        page = client.get(reverse("accounts:account")).content.decode()
        assert "ít nhất 10 ký tự" in page


class TestHeaders:
    @pytest.mark.parametrize("path", ["/", "/api/units", "/petitions/new/", "/accounts/login/"])
    def test_every_response_carries_the_policies(self, client, tree, path):
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert "geolocation=(self)" in response["Permissions-Policy"]


class TestAdministrators:
    def test_an_administrator_of_one_province_manages_no_accounts(self, client, tree, official):
        admin_of_province = User.objects.create_user("qt-tinh", password=PASSWORD)
        RoleAssignment.objects.create(
            user=admin_of_province, unit=tree.province, role=Role.ADMINISTRATOR
        )
        client.force_login(admin_of_province)
        change = reverse("admin:accounts_user_change", args=[official.pk])
        assert client.get(change).status_code in (302, 403)
        assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
        before = official.password
        client.post(change, {"username": "xa", "is_superuser": "on"})
        official.refresh_from_db()
        assert not official.is_superuser and official.password == before

    def test_only_a_superuser_makes_superusers(self, client, official):
        national = User.objects.create_user("qt", password=PASSWORD)
        RoleAssignment.objects.create(user=national, unit=None, role=Role.ADMINISTRATOR)
        client.force_login(national)
        page = client.get(reverse("admin:accounts_user_change", args=[official.pk]))
        assert page.status_code == 200
        assert 'name="is_superuser"' not in page.content.decode()


class TestAdminPersonalData:
    def test_a_village_head_sees_no_whole_citizen_id_in_the_admin(self, client, tree):
        from coso.people.tests.factories import adult, make_household

        household = make_household(
            tree.village_a, "A-9", members=[adult(citizen_id="012080001234")]
        )
        head = User.objects.create_user("truongthon", password=PASSWORD)
        RoleAssignment.objects.create(user=head, unit=tree.village_a, role=Role.VILLAGE_HEAD)
        client.force_login(head)
        page = client.get(reverse("admin:people_household_change", args=[household.pk]))
        assert page.status_code == 200 and "012080001234" not in page.content.decode()
