"""Django's error pages in Vietnamese under DEBUG=False (issue 23, point 3): 400, 403,
404, 500 and a form refused for its CSRF token each answer their status with Coso's
page, never Django's English one."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import path, reverse

from coso.config.urls import urlpatterns as coso_urlpatterns

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def _forbidden(request):
    raise PermissionDenied


def _suspicious(request):
    raise SuspiciousOperation("a tampered request")


def _broken(request):
    raise RuntimeError("a bug")


# This module is the URLconf of its tests: Coso's own, and three views that fail.
urlpatterns = [
    path("test/forbidden/", _forbidden),
    path("test/suspicious/", _suspicious),
    path("test/broken/", _broken),
    *coso_urlpatterns,
]
handler500 = "coso.core.outage.server_error"

# Django's own pages, in English: none of them may be what a person sees.
DJANGO_ENGLISH = [
    "Not Found",
    "Forbidden",
    "CSRF verification failed",
    "Server Error",
    "Bad Request",
]


@pytest.fixture
def browser(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def _vietnamese(response, status: int, heading: str) -> str:
    page = response.content.decode()
    assert response.status_code == status, page[:300]
    assert 'lang="vi"' in page and f"<h1>{heading}</h1>" in page, page[:600]
    assert not [text for text in DJANGO_ENGLISH if text in page]
    assert "a bug" not in page and "tampered" not in page and "Traceback" not in page
    return page


def test_404(browser):
    page = _vietnamese(browser.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")
    assert reverse("petitions:track") in page  # a way on, in the site's frame


def test_403(browser):
    _vietnamese(browser.get("/test/forbidden/"), 403, "Không có quyền truy cập")


def test_400_bad_request_and_unknown_host(browser):
    _vietnamese(browser.get("/test/suspicious/"), 400, "Yêu cầu không hợp lệ")
    # A Host header the site does not serve: Django refuses it before any view.
    _vietnamese(browser.get("/", HTTP_HOST="evil.example"), 400, "Yêu cầu không hợp lệ")


def test_500(browser):
    _vietnamese(browser.get("/test/broken/"), 500, "Lỗi hệ thống")


def test_a_form_without_its_csrf_token(tree):
    browser = Client(enforce_csrf_checks=True)
    url = reverse("petitions:submit")
    page = _vietnamese(browser.post(url, {}), 403, "Biểu mẫu đã hết hạn")
    assert 'id="csrf-cookies"' in page  # no cookie at all: said so
    # The cookie, but a stale token in the form: the same page, without the cookie hint.
    browser.get(url)
    page = _vietnamese(
        browser.post(url, {"csrfmiddlewaretoken": "x" * 64}), 403, "Biểu mẫu đã hết hạn"
    )
    assert 'id="csrf-cookies"' not in page
