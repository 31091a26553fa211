"""With the database unreachable, pages answer a 503 page in Vietnamese and the API a
503 JSON error; a request cut off half-way through its transaction leaves nothing."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from coso.petitions.models import Petition
from coso.petitions.tests.test_tracking import _form

pytestmark = pytest.mark.django_db
PAGE_TEXT = "Hệ thống đang tạm gián đoạn"


@pytest.fixture
def browser():
    """A client that gets the error page a person gets, not the exception."""
    return Client(raise_request_exception=False)


def database_down(error=OperationalError):
    return mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=error("connection refused"))


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_answers_503_in_vietnamese(browser, tree, error):
    with database_down(error):
        response = browser.get(reverse("portal:unit", args=[tree.a.code]))
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"]
    assert f"<h1>{PAGE_TEXT}</h1>" in page and 'lang="vi"' in page
    assert "Traceback" not in page and "connection refused" not in page


def test_a_signed_in_official_gets_it_too(browser, official_a):
    """The database fails in the middleware (the session's user), before any view."""
    browser.force_login(official_a)
    with database_down():
        response = browser.get(reverse("portal:official_home"))
    assert response.status_code == 503 and PAGE_TEXT in response.content.decode()


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_api_answers_a_json_error(browser, tree, official_a, signed_in):
    if signed_in:
        browser.force_login(official_a)
    with database_down():
        response = browser.get("/api/units", {"parent": tree.province.code})
    assert response.status_code == 503 and response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "Hệ thống đang tạm gián đoạn; xin thử lại sau ít phút.",
        "field": None,
    }


def test_other_errors_stay_500(browser, tree):
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=ValueError("bug")):
        response = browser.get(reverse("portal:unit", args=[tree.a.code]))
    assert response.status_code == 500 and PAGE_TEXT not in response.content.decode()


def test_a_write_cut_off_half_way_leaves_nothing(browser, tree):
    """The connection is lost after the petition's row was written, before its audit
    entry: the page says so and, once the database is back, no petition half exists."""
    with mock.patch(
        "coso.core.audit.log_create", side_effect=OperationalError("server closed the connection")
    ):
        response = browser.post(reverse("petitions:submit"), _form(tree))
    assert response.status_code == 503 and PAGE_TEXT in response.content.decode()
    assert not Petition.objects.exists()
    assert browser.post(reverse("petitions:submit"), _form(tree)).status_code == 302
    assert Petition.objects.count() == 1
