"""Sign-in through an OpenID Connect provider, against a provider run by the test.

`Provider` is a small real HTTP server on 127.0.0.1: a discovery document, a JWKS with
an RSA key, an authorization endpoint that sends the browser back with a code, and a
token endpoint that checks the code, the client's secret and the PKCE verifier and
issues an RS256-signed ID token carrying the nonce it was given. What the token says
(or how it is signed) is each test's to change, to attack what Coso checks.
"""

import base64
import functools
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from joserfc import jwt
from joserfc.jwk import RSAKey

from coso.accounts.models import OidcIdentity, Role, RoleAssignment, User
from coso.accounts.tests import test_signin
from coso.accounts.tests.test_signin import PASSWORD, totp
from coso.core.models import AuditEntry

pytestmark = pytest.mark.django_db

# A commune official of A with a password; the second factor switched on (test_signin's).
official = test_signin.official
second_factor = test_signin.second_factor

CLIENT_ID = "coso-lai-chau"
CLIENT_SECRET = "bi-mat-cua-coso"


@functools.cache
def rsa_key(name: str) -> RSAKey:
    """An RSA key made once for the module (making one takes a while), by name."""
    return RSAKey.generate_key(2048, parameters={"kid": "k1"})


class Provider:
    """The identity provider. `claims` are added to (or replace) those of every ID token
    it issues; `signing_key` signs them (the published key unless a test says not)."""

    def __init__(self) -> None:
        self.key = rsa_key("provider")
        self.signing_key = self.key
        self.subject = "cb-0001"
        self.claims: dict[str, Any] = {}
        self.codes: dict[str, dict[str, str]] = {}
        self.token_requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}/realms/lai-chau"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": self.subject,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "preferred_username": "xa",
            "name": "Nguyễn Văn Xã",
            **self.claims,
        }
        header = {"alg": "RS256", "kid": "k1"}
        return jwt.encode(
            header, {k: v for k, v in claims.items() if v is not None}, self.signing_key
        )

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, body: dict[str, Any], status: int = 200) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                base = provider.issuer
                if url.path.endswith("/.well-known/openid-configuration"):
                    self._json(
                        {
                            "issuer": base,
                            "authorization_endpoint": f"{base}/auth",
                            "token_endpoint": f"{base}/token",
                            "jwks_uri": f"{base}/certs",
                            "response_types_supported": ["code"],
                            "subject_types_supported": ["public"],
                            "id_token_signing_alg_values_supported": ["RS256"],
                        }
                    )
                elif url.path.endswith("/certs"):
                    self._json({"keys": [provider.key.as_dict(private=False)]})
                elif url.path.endswith("/auth"):
                    self._authorize(parse_qs(url.query))
                else:
                    self._json({"error": "not_found"}, 404)

            def _authorize(self, query: dict[str, list[str]]) -> None:
                q = {k: v[0] for k, v in query.items()}
                assert q["client_id"] == CLIENT_ID and q["response_type"] == "code"
                assert "openid" in q["scope"].split()
                code = secrets.token_urlsafe(16)
                provider.codes[code] = q
                back = urlencode({"code": code, "state": q["state"]})
                self.send_response(302)
                self.send_header("Location", f"{q['redirect_uri']}?{back}")
                self.end_headers()

            def do_POST(self) -> None:
                provider.token_requests += 1
                length = int(self.headers["Content-Length"])
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
                asked = provider.codes.pop(form.get("code", ""), None)
                if (
                    self.headers.get("Authorization") != f"Basic {basic}"
                    or asked is None
                    or form.get("redirect_uri") != asked["redirect_uri"]
                    or _challenge(form.get("code_verifier", "")) != asked["code_challenge"]
                ):
                    self._json({"error": "invalid_grant"}, 400)
                    return
                self._json(
                    {
                        "access_token": secrets.token_urlsafe(16),
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(asked["nonce"]),
                    }
                )

        return Handler


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@pytest.fixture
def provider(settings) -> Iterator[Provider]:
    idp = Provider()
    settings.COSO_OIDC_ISSUER = idp.issuer
    settings.COSO_OIDC_CLIENT_ID = CLIENT_ID
    settings.COSO_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.COSO_OIDC_CREATE_ACCOUNTS = False
    yield idp
    idp.close()


def sign_in_at_provider(client, next_url: str = ""):
    """The browser's round trip: Coso's button, the provider, back to Coso's callback.
    Returns Coso's answer to the callback."""
    start = client.get(reverse("accounts:oidc_start"), {"next": next_url} if next_url else {})
    assert start.status_code == 302, start.content
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlsplit(at_provider.headers["Location"])
    assert back.path == reverse("accounts:oidc_callback")
    return client.get(f"{back.path}?{back.query}")


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


def audit_rows(model: str) -> list[dict[str, Any]]:
    return [e.changes for e in AuditEntry.objects.filter(model=model).order_by("seq")]


class TestSignIn:
    def test_an_official_lands_on_their_work_list_with_their_roles(
        self, client, tree, provider, official
    ):
        done = sign_in_at_provider(client)
        assert done.status_code == 302 and done["Location"] == reverse("portal:official_home")
        assert int(client.session[SESSION_KEY]) == official.pk
        home = client.get(done["Location"])
        assert home.status_code == 200 and tree.a.name in home.content.decode()
        # The roles are Coso's: the commune's petitions, not another commune's (404),
        # nor a page of a role the official does not hold (403).
        assert client.get(reverse("petitions:worklist", args=[tree.a.code])).status_code == 200
        assert client.get(reverse("petitions:worklist", args=[tree.b.code])).status_code == 404
        assert client.get(reverse("oversight:plan_new", args=[tree.a.code])).status_code == 403
        # The provider's subject is now bound to the account, and both acts audited.
        identity = OidcIdentity.objects.get()
        assert (identity.user, identity.issuer, identity.subject) == (
            official,
            provider.issuer,
            "cb-0001",
        )
        assert audit_rows("accounts.user")[-1] == {
            "signed_in": "oidc",
            "issuer": provider.issuer,
            "subject": "cb-0001",
            "second_factor": "coso",
        }
        assert AuditEntry.objects.filter(model="accounts.oidcidentity", action="create").exists()

    def test_later_sign_ins_match_the_bound_subject_not_the_name(
        self, client, tree, provider, official
    ):
        sign_in_at_provider(client)
        client.logout()
        # The provider renames the official: the bound subject still finds the account.
        provider.claims = {"preferred_username": "ten-moi"}
        assert sign_in_at_provider(client).status_code == 302
        assert int(client.session[SESSION_KEY]) == official.pk
        client.logout()
        # Another person at the provider given the name "xa" is not let into the account.
        provider.subject, provider.claims = "cb-0999", {}
        refused = sign_in_at_provider(client)
        assert refused.status_code == 302 and not signed_in(client)
        page = client.get(refused["Location"]).content.decode()
        assert "đã gắn với một tài khoản khác" in page

    def test_the_next_page_is_kept_across_the_provider(self, client, tree, provider, official):
        target = reverse("petitions:worklist", args=[tree.a.code])
        assert sign_in_at_provider(client, next_url=target)["Location"] == target

    def test_explicit_endpoints_without_discovery(self, client, tree, provider, official, settings):
        settings.COSO_OIDC_AUTHORIZATION_URL = f"{provider.issuer}/auth"
        settings.COSO_OIDC_TOKEN_URL = f"{provider.issuer}/token"
        settings.COSO_OIDC_JWKS_URL = f"{provider.issuer}/certs"
        assert sign_in_at_provider(client).status_code == 302 and signed_in(client)

    def test_no_button_and_no_sign_in_unless_configured(self, client, tree, settings):
        settings.COSO_OIDC_ISSUER = ""
        page = client.get(reverse("accounts:login")).content.decode()
        assert "Đăng nhập bằng tài khoản của tỉnh" not in page
        for name in ("accounts:oidc_start", "accounts:oidc_callback"):
            answer = client.get(reverse(name), {"code": "x", "state": "y"})
            assert answer.status_code == 302 and answer["Location"] == reverse("portal:home")
        assert not signed_in(client)

    def test_the_button_when_configured(self, client, tree, provider):
        page = client.get(reverse("accounts:login")).content.decode()
        assert "Đăng nhập bằng tài khoản của tỉnh" in page
        assert reverse("accounts:oidc_start") in page


def refused_with(client, provider, message: str) -> None:
    """The callback refused: not signed in, told why on the sign-in page, audited."""
    done = sign_in_at_provider(client)
    assert done.status_code == 302 and done["Location"] == reverse("accounts:login")
    assert not signed_in(client)
    assert client.get(reverse("portal:official_home")).status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert message in page, page
    assert audit_rows("accounts.oidcidentity")[-1]["refused"]
    assert not OidcIdentity.objects.exists()


INVALID = "trả về thông tin đăng nhập không hợp lệ"


class TestTokenChecks:
    def test_a_token_signed_with_another_key_is_refused(self, client, tree, provider, official):
        provider.signing_key = rsa_key("attacker")  # the same key id, another key
        refused_with(client, provider, INVALID)

    def test_a_token_for_another_audience_is_refused(self, client, tree, provider, official):
        provider.claims = {"aud": "phan-mem-khac"}
        refused_with(client, provider, INVALID)

    def test_a_token_for_another_audience_with_our_azp_is_refused(
        self, client, tree, provider, official
    ):
        provider.claims = {"aud": "phan-mem-khac", "azp": CLIENT_ID}
        refused_with(client, provider, INVALID)

    def test_a_token_also_for_an_untrusted_audience_is_refused(
        self, client, tree, provider, official
    ):
        provider.claims = {"aud": [CLIENT_ID, "phan-mem-khac"], "azp": CLIENT_ID}
        refused_with(client, provider, INVALID)

    def test_a_token_with_another_nonce_is_refused(self, client, tree, provider, official):
        provider.claims = {"nonce": "nonce-cua-phien-khac"}
        refused_with(client, provider, INVALID)

    def test_an_expired_token_is_refused(self, client, tree, provider, official):
        now = int(time.time())
        provider.claims = {"iat": now - 3600, "exp": now - 600}
        refused_with(client, provider, INVALID)

    def test_a_token_from_another_issuer_is_refused(self, client, tree, provider, official):
        provider.claims = {"iss": "https://gia-mao.example"}
        refused_with(client, provider, INVALID)

    def test_a_callback_with_a_state_this_session_never_sent_is_refused(
        self, client, tree, provider, official
    ):
        start = client.get(reverse("accounts:oidc_start"))
        at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
        back = urlsplit(at_provider.headers["Location"])
        other = client.__class__()  # another browser replays the code
        done = other.get(f"{back.path}?{back.query}")
        assert done.status_code == 302 and SESSION_KEY not in other.session
        assert provider.token_requests == 0

    def test_refusals_count_towards_the_lockout(self, client, tree, provider, official, settings):
        settings.COSO_RATE_LIMITS = {**settings.COSO_RATE_LIMITS, "signin": "1000/m"}
        provider.claims = {"aud": "phan-mem-khac"}
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in_at_provider(client)
        provider.claims = {}
        assert sign_in_at_provider(client).status_code == 429
        assert not signed_in(client)


class TestAccounts:
    def test_an_unknown_official_is_refused_and_no_account_is_made(self, client, tree, provider):
        provider.claims = {"preferred_username": "nguoi-la"}
        refused_with(client, provider, "Tài khoản “nguoi-la” của cổng đăng nhập tỉnh chưa gắn")
        assert not User.objects.filter(username="nguoi-la").exists()
        assert User.objects.count() == 0
        assert audit_rows("accounts.oidcidentity")[-1] == {
            "refused": "no matching account",
            "issuer": provider.issuer,
            "claim": "nguoi-la",
        }

    def test_an_account_is_made_without_roles_only_where_allowed(
        self, client, tree, provider, settings
    ):
        settings.COSO_OIDC_CREATE_ACCOUNTS = True
        provider.claims = {"preferred_username": "can-bo-moi"}
        assert sign_in_at_provider(client).status_code == 302
        user = User.objects.get(username="can-bo-moi")
        assert not user.roles.exists() and not user.has_usable_password()
        assert client.get(reverse("petitions:worklist", args=[tree.a.code])).status_code == 403

    def test_matching_by_email_needs_a_verified_address(
        self, client, tree, provider, official, settings
    ):
        settings.COSO_OIDC_CLAIM = "email"
        settings.COSO_OIDC_ACCOUNT_FIELD = "email"
        User.objects.filter(pk=official.pk).update(email="xa@tamduong.gov.vn")
        provider.claims = {"email": "XA@tamduong.gov.vn", "email_verified": False}
        refused_with(client, provider, "chưa gắn với tài khoản nào")
        provider.claims["email_verified"] = True
        assert sign_in_at_provider(client).status_code == 302
        assert int(client.session[SESSION_KEY]) == official.pk

    def test_an_inactive_account_is_refused(self, client, tree, provider, official):
        User.objects.filter(pk=official.pk).update(is_active=False)
        done = sign_in_at_provider(client)
        assert not signed_in(client)
        assert "đã bị khóa" in client.get(done["Location"]).content.decode()


class TestSecondFactor:
    @pytest.fixture
    def device(self, official):
        return TOTPDevice.objects.create(user=official, name="Coso", confirmed=True)

    @pytest.mark.parametrize(
        "said",
        [{"amr": ["pwd", "otp"]}, {"amr": ["mfa"]}, {"amr": ["hwk"]}, {"acr": "loa-cao"}],
    )
    def test_waived_when_the_provider_checked_one(
        self, client, tree, provider, official, device, second_factor, settings, said
    ):
        settings.COSO_OIDC_MFA_ACR = ["loa-cao"]
        provider.claims = said
        done = sign_in_at_provider(client)
        home = client.get(done["Location"])
        assert home.status_code == 200, home.get("Location")
        assert audit_rows("accounts.user")[-1]["second_factor"] == "provider"

    @pytest.mark.parametrize(
        "said", [{}, {"amr": ["pwd"]}, {"acr": "loa-thap"}, {"amr": ["pwd", "kba"]}]
    )
    def test_still_asked_when_it_did_not(
        self, client, tree, provider, official, device, second_factor, settings, said
    ):
        settings.COSO_OIDC_MFA_ACR = ["loa-cao"]
        provider.claims = said
        done = sign_in_at_provider(client)
        assert signed_in(client)
        home = client.get(done["Location"])
        assert home.status_code == 302
        assert home["Location"].startswith(reverse("accounts:two_factor"))
        assert client.get("/api/petitions", {"unit": tree.a.code}).status_code == 401
        client.post(reverse("accounts:two_factor"), {"code": totp(device).now()})
        assert client.get(reverse("portal:official_home")).status_code == 200

    def test_the_waiver_is_for_the_signed_in_user_only(
        self, client, tree, provider, official, device, second_factor
    ):
        provider.claims = {"amr": ["mfa"]}
        sign_in_at_provider(client)
        other = User.objects.create_user("xa2", password=PASSWORD)
        RoleAssignment.objects.create(user=other, unit=tree.a, role=Role.COMMUNE_OFFICIAL)
        client.post(reverse("accounts:login"), {"username": "xa2", "password": PASSWORD})
        assert client.get(reverse("portal:official_home")).status_code == 302


class TestLocalSignIn:
    def test_username_and_password_still_work_beside_the_provider(
        self, client, tree, provider, official
    ):
        done = client.post(reverse("accounts:login"), {"username": "xa", "password": PASSWORD})
        assert done.status_code == 302 and done["Location"] == reverse("portal:official_home")
        assert client.get(done["Location"]).status_code == 200
        assert provider.token_requests == 0
