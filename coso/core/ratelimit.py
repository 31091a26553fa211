"""Limits on how often one address may send: the public petition form, Open311, the
vote form and sign-in. Counted in the shared cache by django-ratelimit; the rates are
settings (`COSO_RATE_LIMITS`)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

STATUS = 429


def client_ip(request: HttpRequest) -> str:
    """The sender's address: REMOTE_ADDR, or behind a proxy the header it sets
    (`COSO_CLIENT_IP_HEADER`). Where the header lists several, the last one: the address
    our own proxy added; those before it are whatever the client claimed. Rate limits
    and sign-in lockouts both count by it."""
    meta = request.META
    value = meta.get(settings.COSO_CLIENT_IP_HEADER) or meta.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip()


def over_limit(request: HttpRequest, group: str, *, key: str | None = None) -> bool:
    """Count this request against `group` for its address (or for `key`, e.g. a
    registered client application, counted at its own rate whatever its address);
    True once over the rate."""
    return is_ratelimited(
        request,
        group=f"coso.{group}",
        key="ip" if key is None else (lambda _group, _request: key),
        rate=settings.COSO_RATE_LIMITS[group],
        increment=True,
    )


def message() -> str:
    return _("Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Hãy đợi một phút rồi thử lại.")


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "429.html", {"message": message()}, status=STATUS)


View = Callable[..., HttpResponseBase]


def limit_posts(group: str) -> Callable[[View], View]:
    """A view decorator: each POST counts against `group`; over the rate, a 429 page."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method == "POST" and over_limit(request, group):
                return too_many(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
