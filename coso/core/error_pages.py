"""The page shown when a form is refused for its CSRF token (settings.CSRF_FAILURE_VIEW),
in the person's language, instead of Django's English one.

Django's other error pages are its own views rendering Coso's templates: 404.html and
403.html (with the request's context, so in the site's frame), 400.html and 500.html
(without it: bare.html), and 503.html (coso.core.outage).
"""

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request, "403_csrf.html", {"no_cookies": reason == REASON_NO_CSRF_COOKIE}, status=403
    )
