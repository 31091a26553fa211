"""Report due dates in the feeds, and what bounds a feed: its window of days, its cap
on events, and how it is kept (ETag, 304, Cache-Control), read back with `icalendar`."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from coso.accounts.selectors import User
from coso.calendars.services import feed_key_create, feed_key_revoke
from coso.calendars.tests.test_feeds import events, written
from coso.consultations.models import Consultation
from coso.reports.models import Report, ReportType

TODAY = dt.date(2026, 3, 1)
pytestmark = pytest.mark.django_db


def due(found):
    return {uid: e for uid, e in found.items() if uid.startswith("report-")}


def half_year() -> ReportType:
    return ReportType.objects.get(code="so-ket-6-thang")


def report_uid(report_type, unit, period):
    return f"report-{report_type.pk}-{unit.pk}-{period}@coso"


def test_a_communes_feed_has_the_reports_it_sends_as_whole_days(client, tree):
    found = due(events(client, tree.a.code)[0])
    event = found[report_uid(half_year(), tree.a, "2026-H1")]
    assert event.decoded("DTSTART") == dt.date(2026, 7, 10)  # 10 days after the half-year
    assert event.decoded("DTEND") == dt.date(2026, 7, 11)
    assert "6 tháng đầu năm 2026" in str(event["SUMMARY"])
    assert str(event["URL"]).endswith(f"/app/units/{tree.a.code}/reports/")
    days = sorted(e.decoded("DTSTART") for e in found.values())
    jan, jul, next_jan = dt.date(2026, 1, 10), dt.date(2026, 7, 10), dt.date(2027, 1, 10)
    # H2 2025, year 2025 and the five years 2021-2025; H1 2026; H2 2026 and year 2026.
    assert days == [jan, jan, jan, jul, next_jan, next_jan]
    assert {uid.split("-")[2] for uid in found} == {str(tree.a.pk)}  # its own, not B's


def test_a_province_has_its_own_level_and_a_village_none(client, tree):
    found = due(events(client, tree.province.code)[0])
    assert {uid.split("-")[2] for uid in found} == {str(tree.province.pk)}
    event = found[report_uid(half_year(), tree.province, "2026-H1")]
    assert event.decoded("DTSTART") == dt.date(2026, 7, 20)  # 20 days for a province
    assert due(events(client, tree.village_a.code)[0]) == {}


def test_drafting_keeps_the_uid_and_a_new_due_date_raises_the_sequence(client, tree):
    uid = report_uid(half_year(), tree.a, "2026-H1")
    assert due(events(client, tree.a.code)[0])[uid]["SEQUENCE"] == 0
    report = Report.objects.create(
        report_type=half_year(),
        unit=tree.a,
        province=tree.province,
        period="2026-H1",
        due_on=dt.date(2026, 7, 10),
    )
    written(tree)
    assert due(events(client, tree.a.code)[0])[uid]["SEQUENCE"] == 0  # drafted, not moved
    Report.objects.filter(pk=report.pk).update(status="returned", due_on=dt.date(2026, 7, 25))
    written(tree)
    moved = due(events(client, tree.a.code)[0])[uid]
    assert moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART") == dt.date(2026, 7, 25)


def test_a_returned_report_due_again_in_the_window_is_listed(client, tree):
    """The first half of 2025 was due in July 2025, before the window; returned and
    given a new due date within it, it is listed again on that day."""
    uid = report_uid(half_year(), tree.a, "2025-H1")
    assert uid not in events(client, tree.a.code)[0]
    Report.objects.create(
        report_type=half_year(),
        unit=tree.a,
        province=tree.province,
        period="2025-H1",
        status="returned",
        due_on=dt.date(2026, 3, 15),
    )
    written(tree)
    assert events(client, tree.a.code)[0][uid].decoded("DTSTART") == dt.date(2026, 3, 15)


def private_uids(client, official):
    secret = feed_key_create(actor=official)
    response = client.get(reverse("calendars:private", args=[secret]))
    return {str(e["UID"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_private_feed_has_the_reports_of_the_units_one_writes_for(
    client, tree, official_a, province_viewer, village_head
):
    assert private_uids(client, official_a) == set(due(events(client, tree.a.code)[0]))
    mine = private_uids(client, province_viewer)
    assert mine and {uid.split("-")[2] for uid in mine} == {str(tree.province.pk)}
    assert private_uids(client, village_head) == set()  # a village head writes no report


def test_a_feed_reads_only_its_window(client, tree, settings):
    settings.COSO_CALENDAR_PAST_DAYS = 10
    settings.COSO_CALENDAR_FUTURE_DAYS = 30
    closing = {}
    for days in (-11, -10, 30, 31):
        day = TODAY + dt.timedelta(days=days)
        c = Consultation.objects.create(
            unit=tree.a, category="plan", title="Góp ý", opened_on=day, closes_on=day
        )
        closing[days] = f"consultation-{c.pk}@coso"
    found = events(client, tree.a.code)[0]
    assert {uid for uid in found if uid.startswith("consultation-")} == {
        closing[-10],
        closing[30],
    }
    # Reports due beyond 30 days (July, January) are left out too.
    assert [e.decoded("DTSTART") for e in due(found).values()] == []


def test_a_feed_lists_at_most_its_cap_coming_ones_first(client, tree, settings):
    ReportType.objects.update(active=False)
    uids = {}
    for days in (-5, -1, 0, 1, 2, 60):
        day = TODAY + dt.timedelta(days=days)
        c = Consultation.objects.create(
            unit=tree.a, category="plan", title="Góp ý", opened_on=day, closes_on=day
        )
        uids[days] = f"consultation-{c.pk}@coso"
    settings.COSO_CALENDAR_MAX_EVENTS = 4
    assert set(events(client, tree.a.code)[0]) == {uids[d] for d in (0, 1, 2, 60)}
    settings.COSO_CALENDAR_MAX_EVENTS = 5
    written(tree)
    assert set(events(client, tree.a.code)[0]) == {uids[d] for d in (-1, 0, 1, 2, 60)}


def test_a_unit_feed_answers_304_while_unchanged(client, tree, django_assert_num_queries):
    url = reverse("calendars:unit", args=[tree.a.code])
    consultation = Consultation.objects.create(
        unit=tree.a, category="plan", title="Quy hoạch", opened_on=TODAY, closes_on=TODAY
    )
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=900"
    etag = first["ETag"]
    with django_assert_num_queries(0):  # kept: not rebuilt
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["Cache-Control"] == "public, max-age=900" and again["ETag"] == etag
    written(tree)  # a write in its province: rebuilt, but nothing it shows changed
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Consultation.objects.filter(pk=consultation.pk).update(closes_on=TODAY + dt.timedelta(days=3))
    written(tree)
    moved = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert moved.status_code == 200 and moved["ETag"] != etag


@pytest.mark.parametrize("name", ["calendars:unit", "calendars:private"])
def test_without_a_shared_cache_an_unchanged_feed_still_answers_304(
    client, tree, official_a, settings, name
):
    settings.COSO_PAGE_CACHE_SECONDS = 0  # no Redis: every request builds the feed
    arg = tree.a.code if name == "calendars:unit" else feed_key_create(actor=official_a)
    url = reverse(name, args=[arg])
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Consultation.objects.create(
        unit=tree.a, category="plan", title="Quy hoạch", opened_on=TODAY, closes_on=TODAY
    )
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == (200 if name == "calendars:unit" else 304)
    assert changed["Cache-Control"].endswith("max-age=900")


def test_a_private_feed_is_kept_privately_and_stops_once_revoked(
    client, tree, official_a, django_assert_num_queries
):
    secret = feed_key_create(actor=official_a)
    url = reverse("calendars:private", args=[secret])
    first = client.get(url)
    assert first["Cache-Control"] == "private, max-age=900"
    assert first["Referrer-Policy"] == "no-referrer"
    with django_assert_num_queries(1):  # its key, checked every time; the feed is kept
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["Cache-Control"] == "private, max-age=900"
    feed_key_revoke(actor=official_a)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404
    assert client.get(url).status_code == 404


def test_a_kept_private_feed_is_not_served_to_a_deactivated_official(client, tree, official_a):
    """An attack on the cache: the feed kept, its owner's account switched off by a
    change that told no cache (no audited write): the address answers 404 at once."""
    secret = feed_key_create(actor=official_a)
    url = reverse("calendars:private", args=[secret])
    assert client.get(url).status_code == 200
    User.objects.filter(pk=official_a.pk).update(is_active=False)
    assert client.get(url).status_code == 404
    User.objects.filter(pk=official_a.pk).update(is_active=True)
    assert client.get(url).status_code == 200
    assert timezone.localdate() == TODAY
