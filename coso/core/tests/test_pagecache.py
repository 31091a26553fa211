"""Cached pages (coso.core.pagecache): a change shows on the next request, conditional
GETs answer 304 until the page changes, and nobody is served another's entry."""

import re
from unittest import mock

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso.accounts.models import Role
from coso.core import pagecache
from coso.disclosures import selectors
from coso.disclosures.services import DisclosureData, disclosure_amend, disclosure_publish
from coso.units.tests.factories import commune, province

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def disclosure(tree, official_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return disclosure_publish(
            actor=official_a,
            unit=tree.a,
            data=DisclosureData(
                category="1",
                title="Kế hoạch năm 2027",
                body="Toàn văn",
                channels=["notice_board"],
            ),
        )


def amend(disclosure, official, title, capture):
    with capture(execute=True):
        disclosure_amend(
            actor=official,
            disclosure=disclosure,
            title=title,
            body="Toàn văn đã sửa",
            channels=["notice_board"],
        )


def page(disclosure):
    return reverse("disclosures:public_detail", args=[disclosure.series])


def test_a_second_request_is_served_from_the_cache(client, disclosure, django_assert_num_queries):
    first = client.get(page(disclosure))
    with django_assert_num_queries(0):
        again = client.get(page(disclosure))
    assert again.status_code == 200
    assert again.content == first.content.replace(
        CSRF.search(first.content.decode()).group(1).encode(),
        CSRF.search(again.content.decode()).group(1).encode(),
    )


def test_a_change_shows_on_the_next_request(
    client, disclosure, official_a, django_capture_on_commit_callbacks, django_assert_num_queries
):
    client.get(page(disclosure))
    with django_assert_num_queries(0):  # served from the cache
        assert "Kế hoạch năm 2027" in client.get(page(disclosure)).content.decode()
    amend(disclosure, official_a, "Kế hoạch năm 2027 (sửa đổi)", django_capture_on_commit_callbacks)
    assert "Kế hoạch năm 2027 (sửa đổi)" in client.get(page(disclosure)).content.decode()


def test_a_write_in_another_province_keeps_the_entry(
    client, disclosure, django_capture_on_commit_callbacks, django_assert_num_queries
):
    other = commune(province("Điện Biên"), "Xã Mường Phăng")
    official = _official(other)
    client.get(page(disclosure))
    with django_capture_on_commit_callbacks(execute=True):
        disclosure_publish(
            actor=official,
            unit=other,
            data=DisclosureData(category="1", title="Khác", body="x", channels=["notice_board"]),
        )
    with django_assert_num_queries(0):
        assert client.get(page(disclosure)).status_code == 200


def _official(unit):
    from coso.accounts.models import RoleAssignment, User

    user = User.objects.create_user(username=f"official_{unit.code}", password="pw")
    RoleAssignment.objects.create(user=user, unit=unit, role=Role.COMMUNE_OFFICIAL)
    return user


def test_conditional_get_answers_304_until_the_page_changes(
    client, disclosure, official_a, django_capture_on_commit_callbacks
):
    first = client.get(page(disclosure))
    etag = first.headers["ETag"]
    assert client.get(page(disclosure), headers={"if-none-match": etag}).status_code == 304
    amend(disclosure, official_a, "Kế hoạch đã sửa", django_capture_on_commit_callbacks)
    changed = client.get(page(disclosure), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "Kế hoạch đã sửa" in changed.content.decode()
    again = client.get(page(disclosure), headers={"if-none-match": changed.headers["ETag"]})
    assert again.status_code == 304


def test_the_first_render_answers_a_conditional_get_too(client, disclosure):
    etag = client.get(page(disclosure)).headers["ETag"]
    from django.core.cache import cache

    cache.clear()
    assert client.get(page(disclosure), headers={"if-none-match": etag}).status_code == 304


def test_a_signed_in_user_is_never_served_the_public_entry(tree, official_a, official_b):
    home = reverse("portal:home")
    public = Client().get(home).content.decode()
    assert "signed-in" not in public
    signed_in = Client()
    signed_in.force_login(official_a)
    mine = signed_in.get(home).content.decode()
    assert 'id="signed-in">official_a<' in mine
    other = Client()
    other.force_login(official_b)
    theirs = other.get(home).content.decode()
    assert "official_a" not in theirs and 'id="signed-in">official_b<' in theirs
    assert "signed-in" not in Client().get(home).content.decode()


def test_each_visitor_gets_a_csrf_token_of_their_own(tree):
    home = reverse("portal:home")
    Client().get(home)  # cached with this visitor's token
    visitor = Client(enforce_csrf_checks=True)
    token = CSRF.search(visitor.get(home).content.decode()).group(1)
    switched = visitor.post(
        reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302


def test_each_language_has_its_own_entry(client, tree):
    home = reverse("portal:home")
    vietnamese = client.get(home)
    client.cookies["django_language"] = "en"
    english = client.get(home)
    assert english.headers["Content-Language"] == "en"
    assert english.headers["ETag"] != vietnamese.headers["ETag"]


def test_a_page_rendered_while_a_write_commits_is_not_kept(client, tree, disclosure):
    history = selectors.disclosure_history

    def write_meanwhile(**kwargs):
        pagecache.bump(provinces=[tree.province.pk])
        return history(**kwargs)

    with mock.patch.object(selectors, "disclosure_history", side_effect=write_meanwhile):
        client.get(page(disclosure))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page(disclosure)).status_code == 200
    assert queries.captured_queries  # rendered anew, not served as it was


def test_the_feed_answers_304_until_a_disclosure_changes(
    client, tree, disclosure, official_a, django_capture_on_commit_callbacks
):
    feed = reverse("disclosures:feed", args=[tree.a.code])
    etag = client.get(feed).headers["ETag"]
    assert client.get(feed, headers={"if-none-match": etag}).status_code == 304
    amend(disclosure, official_a, "Kế hoạch đã sửa", django_capture_on_commit_callbacks)
    changed = client.get(feed, headers={"if-none-match": etag})
    assert changed.status_code == 200 and "Kế hoạch đã sửa" in changed.content.decode()


def test_open_figures_answer_304_and_keep_their_headers(client, tree):
    query = {"unit": tree.a.code, "period": "2026"}
    first = client.get("/api/indicators", query)
    again = client.get("/api/indicators", query)
    assert again.json() == first.json()
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]
    assert again.headers["Content-Type"] == "application/json; charset=utf-8"
    etag = first.headers["ETag"]
    assert client.get("/api/indicators", query, headers={"if-none-match": etag}).status_code == 304


def test_nothing_is_cached_when_the_cache_is_off(client, settings, disclosure):
    settings.COSO_PAGE_CACHE_SECONDS = 0  # no shared cache: each process's own memory
    client.get(page(disclosure))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page(disclosure)).status_code == 200
    assert queries.captured_queries


def test_a_search_is_not_kept(client, tree):
    search = reverse("portal:home") + "?q=Tam"
    client.get(search)
    with CaptureQueriesContext(connection) as queries:
        assert "Tam Đường" in client.get(search).content.decode()
    assert queries.captured_queries


def test_a_waiting_message_is_shown_not_a_kept_page(client, tree, official_a):
    client.force_login(official_a)
    worklist = reverse("petitions:worklist", args=[tree.a.code])
    client.get(worklist)  # kept for this official
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Đã lưu đơn.")])
    assert "Đã lưu đơn." in client.get(worklist).content.decode()
