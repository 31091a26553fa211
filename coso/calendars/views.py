"""A unit's public feed, an official's private feed, and the page that makes and revokes
the private feed's address."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from coso.calendars import feeds, selectors, services
from coso.core.permissions import PUBLIC, requires
from coso.units import selectors as units

ICS = "text/calendar; charset=utf-8"


def _feed(request: HttpRequest, name: str, events: list[feeds.Event]) -> HttpResponse:
    entries = services.entries_sync(events=events)
    base = request.build_absolute_uri("/").rstrip("/")
    body = feeds.calendar(name=name, events=events, entries=entries, base_url=base)
    return HttpResponse(body, content_type=ICS)


@requires(PUBLIC)
def unit_feed(request: HttpRequest, code: str) -> HttpResponse:
    """The unit's public events and its sub-units', to subscribe to."""
    unit = units.unit_get_public(code=code)
    events = selectors.public_events(unit=unit, today=timezone.localdate())
    return _feed(request, unit.name, events)


@requires(PUBLIC)
def private_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """An official's deadlines; the secret in the address is the only key."""
    user = selectors.feed_owner(secret=secret)
    if user is None:
        raise Http404
    response = _feed(request, "Coso", selectors.private_events(user=user))
    response["Cache-Control"] = "private, no-store"
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
