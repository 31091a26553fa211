"""The field page, the data it caches, the sync of its queue, and what makes it an
installable web app: its manifest and its service worker (served under /field/ so that
the worker's scope is the field page)."""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coso.core.errors import DomainError
from coso.core.forms import DateInput
from coso.core.permissions import PUBLIC, can, requires, roles_for
from coso.field import selectors, services
from coso.residents import services as residents

# The field page's own files, cached by the service worker when it installs.
ASSETS = (
    "coso/coso.css",
    "coso/coso.js",
    "vendor/htmx/htmx.min.js",
    "field/field.css",
    "field/field.js",
)


def json_requires(action: str) -> Callable[[Callable[..., HttpResponse]], Any]:
    """`requires(action)` for the calls the field page's script makes: JSON answers
    instead of the sign-in page — 401 signed out, 403 for a household signed in or a
    role the matrix does not grant `action` (the script then clears what it cached)."""
    roles_for(action)

    def decorate(view: Callable[..., HttpResponse]) -> Any:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                household = residents.current(request.session) is not None
                detail = _("Hãy đăng nhập bằng tài khoản cán bộ.")
                return JsonResponse({"detail": detail}, status=403 if household else 401)
            if not can(request.user, action):
                return JsonResponse({"detail": _("Bạn không có quyền này.")}, status=403)
            return view(request, *args, **kwargs)

        wrapped.coso_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorate


@requires("field.sync")
def page(request: HttpRequest) -> HttpResponse:
    """The field page: works offline once opened, from the service worker's cache."""
    due_on = DateInput().render("due_on", None, attrs={"id": "due-on"})
    return render(request, "field/page.html", {"sync_url": reverse("field:sync"), "due_on": due_on})


@json_requires("field.sync")
@require_GET
def data(request: HttpRequest) -> JsonResponse:
    """What the page caches on the phone, and the CSRF token its sends carry."""
    return JsonResponse({**selectors.field_data(user=request.user), "csrf": get_token(request)})


@json_requires("field.sync")
@require_POST
def sync(request: HttpRequest) -> JsonResponse:
    """Receive a queue: `{"entries": [{"id", "kind", "data"}…]}`; one answer per entry."""
    try:
        if request.content_type != "application/json":
            raise TypeError
        entries = json.loads(request.body)["entries"]
        if not isinstance(entries, list):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"detail": _("Dữ liệu gửi lên không hợp lệ.")}, status=400)
    try:
        results = services.entries_sync(actor=request.user, entries=entries)
    except DomainError as error:
        return JsonResponse({"detail": error.message}, status=400)
    return JsonResponse({"results": results})


@requires(PUBLIC)
def worker(request: HttpRequest) -> HttpResponse:
    """The service worker, with the addresses of the files it caches."""
    assets = [reverse("field:page"), *(static(a) for a in ASSETS)]
    with open(finders.find("field/sw.js") or "", encoding="utf-8") as source:
        body = source.read().replace("__ASSETS__", json.dumps(assets))
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@requires(PUBLIC)
def webmanifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: installable from the browser, no app store."""
    return JsonResponse(
        {
            "name": _("Coso — Làm việc tại thôn, bản"),
            "short_name": _("Coso thôn bản"),
            "lang": "vi",
            "start_url": reverse("field:page"),
            "scope": reverse("field:page"),
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#9b1c1c",
            "icons": [
                {"src": static("field/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
