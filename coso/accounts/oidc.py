"""Sign-in through an OpenID Connect provider: the province's single sign-on.

Authlib speaks the protocol: discovery (`<issuer>/.well-known/openid-configuration`),
the authorization request with `state`, a `nonce` and PKCE, the code exchange, and the
ID token's signature against the provider's published keys (JWKS). Coso says which
claims it requires (`_claims_options`): `iss` the configured issuer, `aud` its client
id and no audience it does not trust, `exp` not passed, `sub` present; Authlib checks
`nonce` against the one this session sent. Then Coso decides who the official is
(`account_for`): the provider's `sub` bound to an account on an earlier sign-in, else
the configured claim matched once to an existing account and bound; an account is made
only where the administrator allowed it, with no role. Roles are always Coso's own.

Coso's second factor is waived only when the token says the provider checked one
(`second_factor_checked`). Every sign-in and every refusal is written to the audit log.
docs/signin.md says how to configure it and what is checked.
"""

import time
from typing import Any

from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.accounts.models import OidcIdentity, User
from coso.core import audit

# The session key marking that the provider checked a second factor for this user.
PROVIDER_CHECKED = "coso_oidc_2fa"
# How long the provider's discovery document and keys are kept before being read again
# (a key the token names but the kept set lacks is fetched at once, by Authlib).
METADATA_SECONDS = 3600


class Refused(Exception):
    """A sign-in refused: `reason` for the audit log, `message` for the official;
    `counts` whether it counts as a failed sign-in towards the lockout."""

    def __init__(self, reason: str, message: str, *, counts: bool = True, name: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = message
        self.counts = counts
        self.name = name


def configured() -> bool:
    return bool(settings.COSO_OIDC_ISSUER and settings.COSO_OIDC_CLIENT_ID)


def _scopes() -> str:
    scopes = list(settings.COSO_OIDC_SCOPES)
    return " ".join(scopes if "openid" in scopes else ["openid", *scopes])


def _explicit() -> dict[str, str] | None:
    """The endpoints given in settings, when all three are: no discovery then."""
    found = {
        "authorize_url": settings.COSO_OIDC_AUTHORIZATION_URL,
        "access_token_url": settings.COSO_OIDC_TOKEN_URL,
        "jwks_uri": settings.COSO_OIDC_JWKS_URL,
    }
    return found if all(found.values()) else None


_clients: dict[tuple[Any, ...], tuple[float, DjangoOAuth2App]] = {}


def _config() -> tuple[Any, ...]:
    return (
        settings.COSO_OIDC_ISSUER,
        settings.COSO_OIDC_CLIENT_ID,
        settings.COSO_OIDC_CLIENT_SECRET,
        _scopes(),
        tuple(sorted((_explicit() or {}).items())),
        settings.COSO_OIDC_TIMEOUT_SECONDS,
    )


def client() -> DjangoOAuth2App:
    """The provider's client, its metadata (and keys, once fetched) kept an hour."""
    key = _config()
    made, app = _clients.get(key, (0.0, None))
    if app is None or time.monotonic() - made > METADATA_SECONDS:
        explicit = _explicit()
        app = OAuth().register(
            "coso_oidc",
            client_id=settings.COSO_OIDC_CLIENT_ID,
            client_secret=settings.COSO_OIDC_CLIENT_SECRET,
            server_metadata_url=None
            if explicit
            else f"{settings.COSO_OIDC_ISSUER}/.well-known/openid-configuration",
            client_kwargs={
                "scope": _scopes(),
                "code_challenge_method": "S256",
                "default_timeout": settings.COSO_OIDC_TIMEOUT_SECONDS,
            },
            **(explicit or {}),
            issuer=settings.COSO_OIDC_ISSUER,
        )
        _clients.clear()
        _clients[key] = (time.monotonic(), app)
    _load_metadata(app)
    return app


def _load_metadata(app: DjangoOAuth2App) -> None:
    """Read the discovery document; its issuer must be the configured one (OpenID
    Connect Discovery 1.0, §4.3), and only Coso's own list of algorithms is accepted
    whatever the provider offers."""
    metadata = app.load_server_metadata()
    if metadata.get("issuer") != settings.COSO_OIDC_ISSUER:
        raise Refused(
            "discovery issuer mismatch",
            _("Cấu hình cổng đăng nhập của tỉnh không khớp; hãy báo quản trị viên."),
            counts=False,
        )
    metadata["id_token_signing_alg_values_supported"] = list(settings.COSO_OIDC_ALGORITHMS)


def authorize_redirect(request: HttpRequest, *, redirect_uri: str) -> HttpResponse:
    """Send the official to the provider; `state`, `nonce` and the PKCE verifier are
    kept in this session for the callback."""
    extra = {}
    if settings.COSO_OIDC_MFA_ACR:
        extra["acr_values"] = " ".join(settings.COSO_OIDC_MFA_ACR)
    from requests import RequestException

    try:
        response: HttpResponse = client().authorize_redirect(request, redirect_uri, **extra)
    except (RequestException, ValueError, RuntimeError) as error:
        raise _unreachable(error) from error
    return response


def _audiences(value: Any) -> set[str]:
    return set(value) if isinstance(value, list) else {value}


def _claims_options() -> dict[str, Any]:
    """What Coso requires of the ID token's claims (OpenID Connect Core 1.0, §3.1.3.7).
    Made anew for each token: Authlib takes the `validate` hooks out of it."""
    trusted = {settings.COSO_OIDC_CLIENT_ID}
    return {
        "iss": {"essential": True, "value": settings.COSO_OIDC_ISSUER},
        "aud": {
            "essential": True,
            "value": settings.COSO_OIDC_CLIENT_ID,
            # "…or if it contains additional audiences not trusted by the Client."
            "validate": lambda _claims, value: _audiences(value) <= trusted,
        },
        "sub": {"essential": True},
        "exp": {"essential": True},
    }


def verified_claims(request: HttpRequest) -> dict[str, Any]:
    """The callback's code exchanged for tokens and the ID token's claims, checked; a
    token that fails any check is refused (and counts as a failed sign-in)."""
    from authlib.integrations.base_client.errors import OAuthError
    from joserfc.errors import JoseError
    from requests import RequestException

    try:
        token = client().authorize_access_token(
            request,
            claims_options=_claims_options(),
            leeway=settings.COSO_OIDC_LEEWAY_SECONDS,
        )
    except JoseError as error:
        raise Refused(f"invalid id_token: {error.error}", _invalid()) from error
    except OAuthError as error:
        raise Refused(f"provider: {error.error}", _unfinished(), counts=False) from error
    except (RequestException, ValueError, RuntimeError) as error:
        raise _unreachable(error) from error
    claims = token.get("userinfo")
    if not claims:  # no ID token: an OAuth answer, not an OpenID Connect sign-in
        raise Refused("no id_token", _invalid())
    return dict(claims)


def _unreachable(error: Exception) -> Refused:
    return Refused(
        f"provider unreachable: {type(error).__name__}",
        _(
            "Không kết nối được cổng đăng nhập của tỉnh. Hãy thử lại sau, hoặc đăng nhập "
            "bằng tên đăng nhập và mật khẩu."
        ),
        counts=False,
    )


def _invalid() -> str:
    return _(
        "Cổng đăng nhập của tỉnh trả về thông tin đăng nhập không hợp lệ nên bạn chưa "
        "được đăng nhập. Hãy thử lại."
    )


def _unfinished() -> str:
    return _("Đăng nhập qua cổng của tỉnh chưa hoàn tất. Hãy thử lại.")


def second_factor_checked(claims: dict[str, Any]) -> bool:
    """Whether the provider says it checked a second factor: an `amr` value (RFC 8176)
    or the `acr` among those configured."""
    amr = claims.get("amr")
    methods = set(amr) if isinstance(amr, list) else set()
    return bool(methods & set(settings.COSO_OIDC_MFA_AMR)) or (
        claims.get("acr") in set(settings.COSO_OIDC_MFA_ACR)
    )


def claimed_name(claims: dict[str, Any]) -> str:
    """The configured claim's value, the name the official is known by at the provider."""
    value = claims.get(settings.COSO_OIDC_CLAIM)
    return value.strip() if isinstance(value, str) else ""


def _matching_user(claims: dict[str, Any]) -> User | None:
    """The one existing account the configured claim names (an e-mail only if the
    provider verified it)."""
    name = claimed_name(claims)
    if not name:
        return None
    if settings.COSO_OIDC_ACCOUNT_FIELD == "email":
        if claims.get("email_verified") is not True:
            return None
        found = list(User.objects.filter(email__iexact=name)[:2])
        return found[0] if len(found) == 1 else None
    return User.objects.filter(username=name).first()


def _new_user(claims: dict[str, Any]) -> User:
    """An account with no role and no password, for an official the administrator let
    in (COSO_OIDC_CREATE_ACCOUNTS); an administrator gives the roles."""
    name = claims.get("preferred_username") or claimed_name(claims)
    if not name or User.objects.filter(username=name).exists():
        name = f"oidc-{claims['sub']}"[:150]
    user = User(username=name, full_name=str(claims.get("name") or "")[:150])
    if claims.get("email_verified") is True:
        user.email = str(claims.get("email") or "")[:254]
    user.set_unusable_password()
    user.save()
    audit.log_create(actor=None, obj=user, unit_id=None)
    return user


def account_for(*, claims: dict[str, Any]) -> User:
    """The Coso account these verified claims sign in, binding the provider's `sub` to
    it on the first sign-in (audited); Refused when there is none or it may not."""
    issuer, subject = settings.COSO_OIDC_ISSUER, claims["sub"]
    name = claimed_name(claims)
    try:
        with transaction.atomic():
            identity = (
                OidcIdentity.objects.select_related("user")
                .filter(issuer=issuer, subject=subject)
                .first()
            )
            if identity is None:
                identity = _bind(issuer=issuer, subject=subject, claims=claims)
            OidcIdentity.objects.filter(pk=identity.pk).update(last_used_at=timezone.now())
    except IntegrityError as error:  # the same first sign-in twice at once
        raise Refused("bound concurrently", _unfinished(), counts=False, name=name) from error
    user = identity.user
    if not user.is_active:
        raise Refused(
            "account inactive",
            _("Tài khoản Coso của bạn đã bị khóa; hãy liên hệ quản trị viên."),
            name=name,
        )
    return user


def _bind(*, issuer: str, subject: str, claims: dict[str, Any]) -> OidcIdentity:
    name = claimed_name(claims)
    user = _matching_user(claims)
    if user is None and not settings.COSO_OIDC_CREATE_ACCOUNTS:
        raise Refused(
            "no matching account",
            _(
                "Tài khoản “%(name)s” của cổng đăng nhập tỉnh chưa gắn với tài khoản nào "
                "trong Coso, nên bạn chưa được đăng nhập. Hãy nhờ quản trị viên tạo tài khoản "
                "cho bạn."
            )
            % {"name": name or subject},
            name=name,
        )
    if user is not None and OidcIdentity.objects.filter(issuer=issuer, user=user).exists():
        # Another account at the provider bound this one first: the claim was reused.
        raise Refused(
            "account bound to another subject",
            _(
                "Tài khoản Coso “%(name)s” đã gắn với một tài khoản khác của cổng đăng nhập "
                "tỉnh, nên bạn chưa được đăng nhập. Hãy liên hệ quản trị viên."
            )
            % {"name": name},
            name=name,
        )
    identity = OidcIdentity.objects.create(
        user=user or _new_user(claims), issuer=issuer, subject=subject
    )
    audit.log_create(actor=identity.user, obj=identity, unit_id=None)
    return identity


def log_signed_in(*, user: User, claims: dict[str, Any], provider_checked: bool) -> None:
    """The audit entry of a sign-in through the provider."""
    audit.log_event(
        actor=user,
        model="accounts.user",
        object_pk=str(user.pk),
        unit_id=None,
        changes={
            "signed_in": "oidc",
            "issuer": settings.COSO_OIDC_ISSUER,
            "subject": claims.get("sub"),
            "second_factor": "provider" if provider_checked else "coso",
        },
    )


def log_refused(*, refused: Refused, claims: dict[str, Any] | None) -> None:
    """The audit entry of a refused sign-in (no account is named: none signed in)."""
    audit.log_event(
        actor=None,
        model="accounts.oidcidentity",
        object_pk=str((claims or {}).get("sub") or "-"),
        unit_id=None,
        changes={
            "refused": refused.reason,
            "issuer": settings.COSO_OIDC_ISSUER,
            "claim": refused.name,
        },
    )
