"""The official's own account: second factor, API tokens, password; the lockout page."""

import datetime as dt
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.password_validation import password_validators_help_texts
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from coso.accounts import oidc, tokens, twofactor
from coso.accounts.forms import CodeForm, TokenForm
from coso.accounts.models import ApiToken
from coso.core.errors import DomainError
from coso.core.forms import add_domain_error
from coso.core.permissions import PUBLIC, requires, requires_2fa
from coso.core.ratelimit import limit_posts, over_limit, too_many
from coso.core.views import requires_post


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if target and safe else resolve_url(settings.LOGIN_REDIRECT_URL)


@requires("account.self")
@limit_posts("signin")
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enter the code from the authenticator app; the first time, set the app up from
    the QR code (or the key written out)."""
    device = twofactor.confirmed_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error("code", _("Mã không đúng hoặc đã hết hạn; hãy nhập mã đang hiện."))
    context: dict[str, Any] = {"form": form, "next": _next(request), "setup": device is None}
    if device is None:
        pending = twofactor.pending_device(request.user)
        context["qr"] = segno.make(pending.config_url, error="m").svg_inline(scale=4)
        context["secret"] = twofactor.readable_key(pending)
    return render(request, "accounts/two_factor.html", context)


@requires("account.self")
def account(request: HttpRequest) -> HttpResponse:
    """One's own sign-in: the second factor, API tokens, the password rules."""
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, created = tokens.token_create(
                actor=request.user, name=form.cleaned_data["name"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            form = TokenForm()
    response = render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "created": created,
            "tokens": tokens.tokens_of(user=request.user),
            "device": twofactor.confirmed_device(request.user),
            "required": requires_2fa(request.user),
            "waived": settings.COSO_2FA_WAIVED,
            "password_rules": password_validators_help_texts(),
        },
    )
    # A new token's secret is on this page once: no cache may keep a copy.
    response["Cache-Control"] = "no-store"
    return response


@requires_post("account.self")
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Đã thu hồi khóa “%(name)s”.") % {"name": token.name})
    return redirect("accounts:account")


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        revoked = tokens.tokens_revoke_all(actor=self.request.user)
        messages.success(
            self.request,
            _("Đã đổi mật khẩu; đã thu hồi %(n)s khóa API làm với mật khẩu cũ.") % {"n": revoked},
        )
        return response


password_change = requires("account.self")(PasswordChange.as_view())


class Login(auth_views.LoginView):
    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(oidc=oidc.configured(), **kwargs)


login = requires(PUBLIC)(limit_posts("signin")(Login.as_view()))


class Logout(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        # What the offline field page (coso/field) kept on this device — the household
        # lists, the queue, the cached pages — leaves with the session.
        response["Clear-Site-Data"] = '"cache", "storage"'
        # The next page says so, and the message takes the focus (base.html).
        messages.success(request, _("Bạn đã đăng xuất."))
        return response


logout = requires(PUBLIC)(Logout.as_view())


OIDC_NEXT = "coso_oidc_next"


@requires(PUBLIC)
def oidc_start(request: HttpRequest) -> HttpResponse:
    """Send the official to the province's identity provider (none configured: to the
    home page; the sign-in page then has no such button)."""
    if not oidc.configured():
        return redirect("portal:home")
    request.session[OIDC_NEXT] = _next(request)
    callback = request.build_absolute_uri(reverse("accounts:oidc_callback"))
    try:
        return oidc.authorize_redirect(request, redirect_uri=callback)
    except oidc.Refused as refused:  # the provider unreachable or misconfigured
        return _refuse(request, refused, claims=None)


@requires(PUBLIC)
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the official back here with a code: the ID token is checked,
    the account found, and the official signed in (their second factor still owed unless
    the provider checked one)."""
    if not oidc.configured():
        return redirect("portal:home")
    if over_limit(request, "signin"):
        return too_many(request)
    claims = None
    try:
        claims = oidc.verified_claims(request)
        credentials = {"username": oidc.claimed_name(claims) or None}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return locked_out(request, None, credentials)
        user = oidc.account_for(claims=claims)
    except oidc.Refused as refused:
        return _refuse(request, refused, claims=claims)
    checked = oidc.second_factor_checked(claims)
    target = request.session.pop(OIDC_NEXT, None) or resolve_url(settings.LOGIN_REDIRECT_URL)
    auth_login(request, user, backend="coso.accounts.backends.CachedModelBackend")
    if checked:
        request.session[oidc.PROVIDER_CHECKED] = user.pk
    oidc.log_signed_in(user=user, claims=claims, provider_checked=checked)
    return redirect(target)


def _refuse(request: HttpRequest, refused: oidc.Refused, *, claims: Any) -> HttpResponse:
    """Say why, audit it, and count it towards django-axes' lockout where it is a failed
    sign-in (a bad token, an unknown or locked account), not a provider that is down."""
    oidc.log_refused(refused=refused, claims=claims)
    if refused.counts:
        user_login_failed.send(
            sender=__name__, credentials={"username": refused.name or None}, request=request
        )
    messages.error(request, refused.message)
    return redirect("accounts:login")


def locked_out(request: HttpRequest, original_response: Any, credentials: Any) -> HttpResponse:
    """django-axes' answer once an account or address is locked: for how long, in
    Vietnamese (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME / dt.timedelta(minutes=1))
    return render(request, "accounts/locked.html", {"minutes": minutes}, status=429)
