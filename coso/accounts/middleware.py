"""Who is calling: an API token, and whether a session still owes its second factor."""

import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from coso.accounts import backends, tokens, twofactor
from coso.accounts.oidc import PROVIDER_CHECKED

API = "/api/"


class TokenMiddleware:
    """`Authorization: Bearer coso_…` on the API signs the request in as the token's
    owner (no session, no CSRF: another system holds no cookie). A token that does not
    match leaves the request anonymous and marked, so the API answers 401."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        scheme, _sep, raw = header.partition(" ")
        if request.path_info.startswith(API) and scheme.lower() == "bearer":
            user = tokens.token_user(
                raw.strip(), method=request.method or "", path=request.path_info
            )
            request.user = user or AnonymousUser()
            request.coso_token = user is not None  # type: ignore[attr-defined]
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)


class CachedOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, reading a verified session's device through the cache
    of signed-in users (coso.accounts.backends) instead of a query a request."""

    def _verify_user_sync(self, request: HttpRequest, user: Any) -> Any:
        self._init_user_fields(user)
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            found = None
            if persistent_id:
                found = backends.device(user.pk, self._normalize_persistent_id(persistent_id))
            user.otp_device = self._finalize_device(request, user, found)
        return user


class TwoFactorMiddleware:
    """A session whose user must use a second factor and has not yet: pages send it to
    the code page; the API treats it as not signed in."""

    # Only what it takes to give the code or leave: not the account's other pages (a
    # token made before the second factor would bypass it).
    EXEMPT = (
        "/accounts/two-factor/",
        "/accounts/login/",
        "/accounts/oidc/",
        "/accounts/logout/",
        "/static/",
        "/i18n/",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        owes = (
            user.is_authenticated
            and not getattr(request, "coso_token", False)
            and not user.is_verified()  # type: ignore[union-attr,attr-defined]
            and not _provider_checked(request)
            and twofactor.required(user)
        )
        if owes and request.path_info.startswith(API):
            request.user = AnonymousUser()
        elif owes and not request.path_info.startswith(self.EXEMPT):
            target = reverse("accounts:two_factor")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _provider_checked(request: HttpRequest) -> bool:
    """Whether this session's user signed in through the identity provider, which said
    it checked a second factor (coso.accounts.oidc)."""
    session = getattr(request, "session", None)
    return session is not None and session.get(PROVIDER_CHECKED) == request.user.pk


RENEW_AFTER_SECONDS = 60
SEEN = "coso_seen"


class SessionRenewalMiddleware:
    """Sessions expire after SESSION_COOKIE_AGE without use: a signed-in request renews
    the session when its last renewal is over a minute old — an idle timeout without a
    database write on every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = getattr(request, "coso_token", False)  # no session to renew
        if request.user.is_authenticated and not token and hasattr(request, "session"):
            now = int(time.time())
            if now - int(request.session.get(SEEN, 0)) >= RENEW_AFTER_SECONDS:
                request.session[SEEN] = now
        return self.get_response(request)


def mark_seen(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Signing in is the first use (connected to `user_logged_in` in AccountsConfig)."""
    if hasattr(request, "session"):
        request.session[SEEN] = int(time.time())
