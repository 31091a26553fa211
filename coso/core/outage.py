"""The answer when the database cannot be reached: 503, a page in the person's language or
the API's JSON error, instead of a server error.

It is Django's handler500, not a middleware: a lost database fails as often inside the
middleware (the session, the signed-in user) as in a view, and every such failure reaches
handler500. Each service writes in one transaction, so a request cut off here has written
nothing half-way.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

STATUS = 503
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 page, unless what failed is the connection to the database."""
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return defaults.server_error(request)
    if request.path.startswith("/api/"):
        message = _("Hệ thống đang tạm gián đoạn; xin thử lại sau ít phút.")
        response: HttpResponse = JsonResponse({"detail": message, "field": None}, status=STATUS)
    else:
        # No request context: its processors (messages, user) would read the database.
        page = loader.render_to_string("503.html", {"LANGUAGE_CODE": translation.get_language()})
        response = HttpResponse(page, status=STATUS)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
