"""A signed-in user and their roles read from the shared cache: no query for them on
a request, and every change that matters is seen by the very next request."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from coso.accounts.models import Role, RoleAssignment
from coso.core.scoping import assignments
from coso.units.services import unit_fill_derived

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cached(settings):
    settings.COSO_AUTH_CACHE_SECONDS = 300


def work_list(client, unit) -> int:
    return client.get(f"/app/units/{unit.code}/petitions/").status_code


def reads_of(client, unit) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert work_list(client, unit) == 200
    return [q["sql"] for q in queries.captured_queries]


def reads_of_accounts(client, unit) -> list[str]:
    return [
        sql
        for sql in reads_of(client, unit)
        if '"accounts_user"' in sql or '"accounts_roleassignment"' in sql
    ]


def test_a_signed_in_request_reads_its_user_and_roles_from_the_cache(client, official_a, tree):
    client.force_login(official_a)
    assert len(reads_of_accounts(client, tree.a)) == 2  # the user, their roles
    assert reads_of_accounts(client, tree.a) == []


def test_a_role_taken_away_stops_the_next_request(client, official_a, tree):
    client.force_login(official_a)
    assert work_list(client, tree.a) == 200
    RoleAssignment.objects.filter(user=official_a).delete()
    assert work_list(client, tree.a) in (403, 404)


def test_a_role_given_opens_the_next_request(client, official_a, tree):
    client.force_login(official_a)
    assert work_list(client, tree.b) in (403, 404)
    RoleAssignment.objects.create(user=official_a, unit=tree.b, role=Role.COMMUNE_OFFICIAL)
    assert work_list(client, tree.b) == 200


def test_a_deactivated_user_is_signed_out_at_once(client, official_a, tree):
    client.force_login(official_a)
    assert work_list(client, tree.a) == 200
    official_a.is_active = False
    official_a.save()
    assert work_list(client, tree.a) == 302  # to the sign-in page


def test_a_changed_password_ends_the_other_sessions(client, official_a, tree):
    client.force_login(official_a)
    assert work_list(client, tree.a) == 200
    official_a.set_password("mat-khau-moi-2026")
    official_a.save()
    assert work_list(client, tree.a) == 302


def test_a_moved_unit_moves_the_roles_in_it(client, official_b, tree):
    """Commune B moves under commune A's tree path: the entry kept B's old path."""
    client.force_login(official_b)
    assert work_list(client, tree.b) == 200
    old_path = tree.b.path
    tree.b.parent = tree.a
    unit_fill_derived(tree.b)
    tree.b.save()
    assert tree.b.path != old_path
    assert len(reads_of_accounts(client, tree.b)) == 2  # read again, under the new path


def test_a_role_taken_while_a_request_reads_it_is_not_kept(client, official_a, tree, monkeypatch):
    """The request that read the role just before it was taken may still use it; the
    entry it leaves must not outlive it."""
    client.force_login(official_a)
    read = ModelBackend.get_user

    def racing(self, user_id):
        user = read(self, user_id)
        assignments(user)
        RoleAssignment.objects.filter(user=official_a).delete()
        return user

    monkeypatch.setattr(ModelBackend, "get_user", racing)
    work_list(client, tree.a)
    monkeypatch.undo()
    assert work_list(client, tree.a) in (403, 404)


def test_a_removed_second_factor_is_owed_again(client, official_a, tree, settings):
    settings.COSO_2FA_WAIVED = False
    device = TOTPDevice.objects.create(user=official_a, name="phone", confirmed=True)
    client.force_login(official_a)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert work_list(client, tree.a) == 200
    assert not [q for q in reads_of(client, tree.a) if "otp_totp" in q]
    device.delete()
    response = client.get(f"/app/units/{tree.a.code}/petitions/")
    assert response.status_code == 302
    assert "/accounts/two-factor/" in response["Location"]
