"""Personal API tokens: made, listed and revoked on the official's own page, stored
hashed, bound to the owner's roles, audited when used."""

import hashlib

import pytest
from django.urls import reverse

from coso.accounts.models import ApiToken
from coso.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _make(client, name="Phần mềm một cửa") -> str:
    page = client.post(reverse("accounts:account"), {"name": name}).content.decode()
    return page.split('id="new-token">')[1].split("<")[0]


def test_made_listed_used_and_revoked(client, official_a, official_b, households):
    client.force_login(official_a)
    secret = _make(client)
    token = ApiToken.objects.get(user=official_a)
    # Only a hash is kept; the page lists the prefix, never the secret again.
    assert secret.startswith(f"coso_{token.prefix}_") and secret not in token.key_hash
    assert token.key_hash == hashlib.sha256(secret.split("_", 2)[2].encode()).hexdigest()
    listing = client.get(reverse("accounts:account")).content.decode()
    assert token.prefix in listing and secret not in listing
    client.logout()

    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    mine = client.get(f"/api/households/{households.a.pk}", **bearer)
    assert mine.status_code == 200
    # Bound to the owner's roles: commune B's household is out of reach.
    assert client.get(f"/api/households/{households.b.pk}", **bearer).status_code == 404
    used = AuditEntry.objects.filter(model="accounts.apitoken", object_pk=str(token.pk))
    assert used.filter(changes__used__path=f"/api/households/{households.a.pk}").exists()

    # A write with the token needs no session and no CSRF token.
    created = client.post(
        "/api/disclosures",
        {
            "unit": households.a.village.parent.code,
            "category": "5",
            "title": "Đóng góp",
            "channels": ["notice_board"],
        },
        content_type="application/json",
        **bearer,
    )
    assert created.status_code == 201, created.content

    client.force_login(official_b)
    other = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert other.status_code == 404
    client.force_login(official_a)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    client.logout()
    refused = client.get(f"/api/households/{households.a.pk}", **bearer)
    assert refused.status_code == 401 and refused.json()["detail"]


def test_a_forged_token_is_refused(client, official_a, households):
    client.force_login(official_a)
    secret = _make(client)
    client.logout()
    prefix = "_".join(secret.split("_", 2)[:2])
    for forged in (f"{prefix}_guess", "coso_000000000000_x", "nonsense", ""):
        response = client.get(
            f"/api/households/{households.a.pk}", HTTP_AUTHORIZATION=f"Bearer {forged}"
        )
        assert response.status_code == 401, forged


def test_a_name_is_required(client, official_a):
    client.force_login(official_a)
    page = client.post(reverse("accounts:account"), {"name": "   "}).content.decode()
    assert 'id="new-token"' not in page and not ApiToken.objects.exists()


def test_a_token_does_not_stand_in_for_a_second_factor(client, official_a, households, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(official_a)
    secret = _make(client)  # made while the demo waived the second factor
    client.logout()
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    settings.COSO_2FA_WAIVED = False
    url = f"/api/households/{households.a.pk}"
    assert client.get(url, **bearer).status_code == 401  # no second factor set up yet
    TOTPDevice.objects.create(user=official_a, name="Coso", confirmed=True)
    assert client.get(url, **bearer).status_code == 200


def test_a_new_password_revokes_the_tokens(client, official_a, households):
    client.force_login(official_a)
    secret = _make(client)
    official_a.set_password("mat-khau-cu-2026")
    official_a.save()
    client.force_login(official_a)
    changed = client.post(
        reverse("accounts:password"),
        {
            "old_password": "mat-khau-cu-2026",
            "new_password1": "mot-mat-khau-moi-dai",
            "new_password2": "mot-mat-khau-moi-dai",
        },
    )
    assert changed.status_code == 302
    client.logout()
    response = client.get(
        f"/api/households/{households.a.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 401


def test_token_calls_leave_no_sessions_and_reads_are_audited_once_a_minute(
    client, official_a, households
):
    from django.contrib.sessions.models import Session

    client.force_login(official_a)
    secret = _make(client)
    client.logout()
    sessions = Session.objects.count()
    audited = AuditEntry.objects.filter(model="accounts.apitoken").count()
    for _ in range(5):
        response = client.get(
            f"/api/households/{households.a.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
        assert response.status_code == 200 and "sessionid" not in response.cookies
    assert Session.objects.count() == sessions
    assert AuditEntry.objects.filter(model="accounts.apitoken").count() == audited + 1


def test_the_page_showing_a_new_secret_is_not_cached(client, official_a):
    client.force_login(official_a)
    response = client.post(reverse("accounts:account"), {"name": "x"})
    assert response["Cache-Control"] == "no-store"
