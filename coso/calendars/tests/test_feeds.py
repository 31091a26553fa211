"""The iCalendar feeds: parsed back with `icalendar`, as a subscribing calendar reads them."""

import datetime as dt

import icalendar
import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from coso.calendars.models import FeedKey
from coso.calendars.services import feed_key_create, feed_key_revoke
from coso.concerns.tests.factories import petition as submitted
from coso.consultations.models import Consultation
from coso.core import pagecache
from coso.core.models import AuditEntry
from coso.decisions.models import Matter
from coso.dialogues.models import Meeting
from coso.followups.models import FollowUp
from coso.oversight.models import Plan
from coso.petitions.models import Petition, ReceptionSession

DAY = dt.date(2026, 3, 10)
pytestmark = pytest.mark.django_db


def meeting_round(unit, **extra):
    fields = {
        "matter_type": "village_rules",
        "title": "Sửa đường liên thôn",
        "status": "open",
        "opened_on": DAY,
        "starts_at": dt.time(19, 30),
        "venue": "Nhà văn hóa bản",
    }
    province = unit.parent.parent
    return Matter.objects.create(unit=unit, province=province, **{**fields, **extra})


def written(tree):
    """What an audited write does when it commits: the cached pages of its province,
    feeds included, are stale. (These tests change records directly.)"""
    pagecache.bump(provinces=[tree.province.pk])


def events(client, code):
    response = client.get(reverse("calendars:unit", args=[code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}, cal


def every_kind(tree):
    meeting_round(tree.village_a)
    ReceptionSession.objects.create(
        unit=tree.a, date=DAY, leader="Chủ tịch UBND xã", place="Trụ sở"
    )
    Meeting.objects.create(
        kind="dialogue", unit=tree.a, date=DAY, place="Hội trường", chair="Chủ tịch"
    )
    Consultation.objects.create(
        unit=tree.a, category="plan", title="Quy hoạch", opened_on=DAY, closes_on=DAY
    )
    Plan.objects.create(commune=tree.a, subject="Chi hỗ trợ", starts_on=DAY, notified_on=DAY)


def test_each_kind_of_event_is_in_the_commune_feed_with_vietnam_time(client, tree):
    every_kind(tree)
    found, cal = events(client, tree.a.code)
    kinds = sorted({uid.split("-")[0] for uid in found})
    assert kinds == ["consultation", "dialogue", "inspection", "matter", "reception", "report"]
    assert all(uid.endswith("@coso") for uid in found)
    meeting = next(e for uid, e in found.items() if uid.startswith("matter-"))
    start = meeting.decoded("DTSTART")
    assert start.hour == 19 and start.minute == 30
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert start.utcoffset() == dt.timedelta(hours=7)
    assert b"TZID=Asia/Ho_Chi_Minh:20260310T193000" in cal.to_ical()
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert str(meeting["LOCATION"]) == "Nhà văn hóa bản"
    consultation = next(e for uid, e in found.items() if uid.startswith("consultation-"))
    assert consultation.decoded("DTSTART") == DAY  # a whole day


def test_moving_a_meeting_raises_sequence_and_keeps_its_uid(client, tree):
    matter = meeting_round(tree.village_a)
    uid = f"matter-{matter.pk}@coso"
    first, _cal = events(client, tree.a.code)
    assert first[uid]["SEQUENCE"] == 0
    again, _cal = events(client, tree.a.code)
    assert again[uid]["SEQUENCE"] == 0  # nothing moved: the same sequence
    Matter.objects.filter(pk=matter.pk).update(starts_at=dt.time(8, 0))
    written(tree)
    moved, _cal = events(client, tree.a.code)
    assert moved[uid]["SEQUENCE"] == 1
    assert moved[uid].decoded("DTSTART").hour == 8
    Matter.objects.filter(pk=matter.pk).update(venue="Sân bóng")
    written(tree)
    assert events(client, tree.a.code)[0][uid]["SEQUENCE"] == 2


def test_a_voided_round_is_sent_cancelled(client, tree):
    matter = meeting_round(tree.village_a)
    assert events(client, tree.a.code)[0][f"matter-{matter.pk}@coso"]["STATUS"] == "CONFIRMED"
    Matter.objects.filter(pk=matter.pk).update(status="void")
    written(tree)
    event = events(client, tree.a.code)[0][f"matter-{matter.pk}@coso"]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_another_units_events_and_drafts_stay_out(client, tree):
    meeting_round(tree.village_b, title="Việc của phường")
    meeting_round(tree.village_a, title="Bản nháp", status="draft")
    Meeting.objects.create(kind="workplace", unit=tree.a, date=DAY, place="Kho", chair="Giám đốc")
    found, _cal = events(client, tree.a.code)
    assert [uid for uid in found if not uid.startswith("report-")] == []
    assert len([uid for uid in events(client, tree.b.code)[0] if uid.startswith("matter-")]) == 1


def test_the_feed_runs_a_fixed_number_of_queries(client, tree, settings, django_assert_num_queries):
    settings.COSO_PAGE_CACHE_SECONDS = 0  # each request builds the feed
    every_kind(tree)
    events(client, tree.a.code)  # the entries exist now
    # The unit, five kinds of event, report types, reports, entries.
    with django_assert_num_queries(9):
        few = len(events(client, tree.a.code)[0])
    for _more in range(4):
        every_kind(tree)
    events(client, tree.a.code)
    with django_assert_num_queries(9):
        assert len(events(client, tree.a.code)[0]) == few + 20


def test_the_unit_page_links_the_feed(client, tree):
    """Both addresses a phone needs: webcal:// (the calendar app subscribes) and the
    page's own scheme (https in production: the file itself), each serving the feed."""
    page = client.get(reverse("portal:unit", args=[tree.a.code])).content.decode()
    path = f"/units/{tree.a.code}/calendar.ics"
    assert f'href="webcal://testserver{path}"' in page
    assert f'href="{path}"' in page
    assert events(client, tree.a.code)[1]["X-WR-CALNAME"] == tree.a.name
    secure = client.get(reverse("portal:unit", args=[tree.a.code]), secure=True)
    assert f'href="{path}"' in secure.content.decode()  # relative: https on an https page


def _private(tree, official, code="PA-7Q2X"):
    petition = submitted(tree.a, dt.date(2026, 2, 20), kind="complaint")
    Petition.objects.filter(pk=petition.pk).update(
        tracking_code=code, next_due=dt.date(2026, 3, 20), handler=official
    )
    origin = {
        "origin_type": ContentType.objects.get_for_model(Petition),
        "origin_id": petition.pk,
        "origin_label": "Đơn",
    }
    followup = FollowUp.objects.create(
        unit=tree.a,
        text="Sửa cống",
        owner_name="Phó Chủ tịch",
        raiser_name="Lò Thị Nêu",
        opened_on=DAY,
        due_on=dt.date(2026, 4, 1),
        **origin,
    )
    FollowUp.objects.create(
        unit=tree.b, text="Của phường", owner_name="X", opened_on=DAY, due_on=DAY, **origin
    )
    return petition, followup


def test_private_feed_has_the_officials_deadlines_and_no_names(client, tree, official_a):
    petition, followup = _private(tree, official_a)
    secret = feed_key_create(actor=official_a)
    response = client.get(reverse("calendars:private", args=[secret]))
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    uids = sorted(str(e["UID"]) for e in cal.walk("VEVENT") if "report-" not in e["UID"])
    assert uids == [f"followup-{followup.pk}@coso", f"petition-due-{petition.pk}@coso"]
    text = response.content.decode()
    assert "PA-7Q2X" in text
    for private in ("Nguyễn Thị Gửi", "Lò Thị Nêu", "Sửa cống"):
        assert private not in text
    assert FeedKey.objects.get().key_hash != secret  # stored hashed


def test_a_revoked_or_replaced_feed_answers_404(client, tree, official_a):
    old = feed_key_create(actor=official_a)
    new = feed_key_create(actor=official_a)
    assert client.get(reverse("calendars:private", args=[old])).status_code == 404
    assert client.get(reverse("calendars:private", args=[new])).status_code == 200
    feed_key_revoke(actor=official_a)
    assert client.get(reverse("calendars:private", args=[new])).status_code == 404
    assert client.get(reverse("calendars:private", args=["guessed"])).status_code == 404


def test_the_account_page_makes_and_revokes_the_address(client, tree, official_a):
    client.force_login(official_a)
    url = reverse("calendars:manage")
    page = client.post(url).content.decode()
    address = page.split('<code id="feed-address">')[1].split("</code>")[0]
    path = address.removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    assert "feed-address" not in client.get(url).content.decode()  # shown once
    client.post(url, {"revoke": "1"})
    assert client.get(path).status_code == 404
    assert AuditEntry.objects.filter(model="calendars.feedkey").count() == 2


def test_private_feed_query_count_is_fixed(
    client, tree, official_a, settings, django_assert_num_queries
):
    settings.COSO_PAGE_CACHE_SECONDS = 0  # each request builds the feed
    _private(tree, official_a)
    secret = feed_key_create(actor=official_a)
    url = reverse("calendars:private", args=[secret])

    def count():
        client.get(url)  # the entries exist now
        # The key, petitions, follow-ups (and the roles they are scoped by), the units
        # the official reports for, report types, reports, entries.
        with django_assert_num_queries(8):
            cal = icalendar.Calendar.from_ical(client.get(url).content)
        return len(cal.walk("VEVENT"))

    few = count()
    for more in range(3):
        _private(tree, official_a, code=f"PA-{more}")
    assert count() == few + 6
