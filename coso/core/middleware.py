from collections.abc import Callable
from urllib.parse import unquote

from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Vietnamese unless the person chose otherwise with the language switch.

    The browser's Accept-Language is ignored on purpose: many officials' phones and
    computers are set to English, and Coso's working language is Vietnamese.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class PolicyHeadersMiddleware:
    """Tell browsers what Coso's pages may load (CONTENT_SECURITY_POLICY: only this
    site's own files, no inline script) and which features they may use
    (PERMISSIONS_POLICY). No view changes either, so both headers are built once, not
    on every request as django-csp's middleware does."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": build_policy(),
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
        }

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response


class NulMiddleware:
    """Refuse text containing a NUL character (in the address, a query, a form field or
    a JSON body) — 400, or 422 like any invalid input in the API: no person types one, and PostgreSQL cannot store or even
    compare it, so it would otherwise end as a server error. Uploaded files are not
    text and are not looked at."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._carries_nul(request):
            message = translation.gettext("Dữ liệu gửi lên chứa ký tự không hợp lệ.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "field": None}, status=422)
            return HttpResponseBadRequest(message)
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("application/json"):
            return b"\\u0000" in request.body or b"\x00" in request.body
        if request.method == "POST":  # form fields only: files are not in request.POST
            return any("\x00" in value for _key, values in request.POST.lists() for value in values)
        return False
