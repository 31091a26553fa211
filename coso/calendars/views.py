"""A unit's public feed, an official's private feed, and the page that makes and revokes
the private feed's address.

Calendar clients ask for a feed again and again (hourly, often): each feed is kept in
the page cache (coso.core.pagecache) while nothing it shows was written, answers a
conditional GET with 304 when the client's ETag is still current, and tells the client
how long it may keep it (COSO_CALENDAR_MAX_AGE). A unit's feed is public and may be
kept by any cache; a private feed only by its owner's client ("private"), and its owner
is checked on every request, before the cache, so a revoked address stops at once."""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response

from coso.calendars import feeds, selectors, services
from coso.core import pagecache
from coso.core.permissions import PUBLIC, requires
from coso.units import selectors as units

ICS = "text/calendar; charset=utf-8"


def _feed(request: HttpRequest, name: str, events: list[feeds.Event]) -> HttpResponse:
    entries = services.entries_sync(events=events)
    base = request.build_absolute_uri("/").rstrip("/")
    body = feeds.calendar(name=name, events=events, entries=entries, base_url=base)
    return HttpResponse(body, content_type=ICS)


def _kept_for(scope: str) -> Callable[..., Callable[..., HttpResponse]]:
    """Tell the client (and, for "public", any cache between) how long it may keep the
    feed — on a 304 too, which renews the time it was given. Without the page cache
    (no shared cache: COSO_PAGE_CACHE_SECONDS 0) the feed is built, but an unchanged one
    is still answered 304 by its ETag."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.has_header("ETag"):
                response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
                response = (
                    get_conditional_response(request, etag=response["ETag"], response=response)
                    or response
                )
            if response.status_code in (200, 304):
                response["Cache-Control"] = f"{scope}, max-age={settings.COSO_CALENDAR_MAX_AGE}"
            return response

        return wrapped

    return decorate


@requires(PUBLIC)
@_kept_for("public")
@pagecache.cached
def unit_feed(request: HttpRequest, code: str) -> HttpResponse:
    """The unit's public events and its sub-units', to subscribe to."""
    unit = units.unit_get_public(code=code)
    pagecache.depends_on(request, unit)
    events = selectors.public_events(unit=unit, today=timezone.localdate())
    return _feed(request, unit.name, events)


@pagecache.cached
def _private_body(request: HttpRequest, secret: str, *, user: Any) -> HttpResponse:
    # What the official sees comes from anywhere they hold a role: any write may change it.
    pagecache.depends_on(request, None)
    return _feed(request, "Coso", selectors.private_events(user=user, today=timezone.localdate()))


@requires(PUBLIC)
@_kept_for("private")
def private_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """An official's deadlines; the secret in the address is the only key."""
    user = selectors.feed_owner(secret=secret)
    if user is None:
        raise Http404
    response = _private_body(request, secret, user=user)
    response["Referrer-Policy"] = "no-referrer"
    return response


@requires("account.self")
def private_manage(request: HttpRequest) -> HttpResponse:
    """Make (or remake) the private feed's address, shown once; or revoke it."""
    secret = None
    if request.method == "POST":
        if request.POST.get("revoke"):
            services.feed_key_revoke(actor=request.user)
            return redirect("calendars:manage")
        secret = services.feed_key_create(actor=request.user)
    address = None
    if secret:
        address = request.build_absolute_uri(reverse("calendars:private", args=[secret]))
    response = render(
        request,
        "calendars/manage.html",
        {"active": selectors.feed_active(user=request.user), "address": address},
    )
    response["Cache-Control"] = "no-store"  # the address is on this page once
    return response
