"""A round opened tells the households it calls: one notice each to those with a phone,
on the channel each chose, none to one that stopped notices; once per household and
round; in a fixed number of queries whatever the number of households."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coso.decisions import services
from coso.decisions.models import Matter
from coso.decisions.services.notices import households_tell_opened, opened_text
from coso.decisions.tests.factories import phoned_households
from coso.notices.models import Channel, Notice
from coso.notices.segments import fit, segments
from coso.notices.services import resident_preference_set
from coso.units.tests.factories import village

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 23)


def _opened(actor, unit, *, title="Làm đường bê tông ngõ xóm", method="meeting", kind="6"):
    matter = services.matter_create(
        actor=actor, unit=unit, matter_type=kind, title=title, method=method
    )
    return services.matter_open(actor=actor, matter=matter, on=DAY)


def _told(matter: Matter) -> dict[str, tuple[str, str]]:
    return {
        n.key: (n.to, n.channel) for n in Notice.objects.filter(key__startswith="decisions.opened:")
    }


def test_a_village_round_tells_its_households_with_a_phone_on_their_channel(tree, official_a):
    sms, zalo, stopped, silent = phoned_households(
        tree.village_a, "0912000001", "0912000002", "0912000003", ""
    )
    phoned_households(village(tree.a, "Thôn Hai"), "0912000010")  # same commune
    phoned_households(tree.village_b, "0912000020")  # another commune
    resident_preference_set(recipient=f"household:{zalo.pk}", channel=Channel.ZALO, stopped=False)
    resident_preference_set(recipient=f"household:{stopped.pk}", channel=Channel.SMS, stopped=True)

    matter = _opened(official_a, tree.village_a)

    assert _told(matter) == {
        f"decisions.opened:{matter.pk}:{sms.pk}": ("0912000001", Channel.SMS),
        f"decisions.opened:{matter.pk}:{zalo.pk}": ("0912000002", Channel.ZALO),
    }
    notice = Notice.objects.get(key=f"decisions.opened:{matter.pk}:{sms.pk}")
    assert "Làm đường bê tông ngõ xóm" in notice.subject
    assert tree.village_a.name in notice.body and "23/11/2026" in notice.body
    assert f"{settings.COSO_SITE_URL}/m/{matter.pk}/" in notice.body
    assert segments(notice.body) <= settings.COSO_SMS_MAX_SEGMENTS  # sent whole
    # A second call (a retried request, a worker run twice) queues nothing twice.
    households_tell_opened(matter)
    assert Notice.objects.filter(key__startswith="decisions.opened:").count() == 2
    assert silent.pk not in {int(k.rsplit(":", 1)[1]) for k in _told(matter)}


def test_a_commune_round_tells_only_the_villages_it_calls(tree, official_a):
    """A commune-wide contribution calls every village's households; the ballot round
    that follows thin meetings calls only the villages still to decide."""
    second = village(tree.a, "Thôn Hai")
    (first_home,) = phoned_households(tree.village_a, "0912000001")
    (second_home,) = phoned_households(second, "0912000002")
    phoned_households(tree.village_b, "0912000020")
    matter = _opened(official_a, tree.a, kind="1", title="Góp tiền làm đường liên thôn")
    assert {k.rsplit(":", 1)[1] for k in _told(matter)} == {
        str(first_home.pk),
        str(second_home.pk),
    }
    # The ballots after a thin meeting: the first village decided at its meeting.
    ballots = Matter.objects.create(
        unit=tree.a, province=tree.province, matter_type="1", title="Góp tiền (phiếu)"
    )
    ballots.villages = [
        {"code": tree.village_a.code, "name": "", "eligible": 1, "carried": True},
        {"code": second.code, "name": "", "eligible": 1},
    ]
    ballots.opened_on = DAY
    households_tell_opened(ballots)
    assert list(
        Notice.objects.filter(key__startswith=f"decisions.opened:{ballots.pk}:").values_list(
            "key", flat=True
        )
    ) == [f"decisions.opened:{ballots.pk}:{second_home.pk}"]


def test_the_text_says_how_to_vote_and_fits_a_text_message(tree, official_a):
    phoned_households(tree.village_a, "0912000001")
    matter = _opened(official_a, tree.village_a, method="ballot")
    assert "phát phiếu" in opened_text(matter) and "/vote/" not in opened_text(matter)
    matter.online_allowed = True
    online = opened_text(matter)
    assert f"{settings.COSO_SITE_URL}/vote/{matter.pk}/" in online
    assert segments(online) <= settings.COSO_SMS_MAX_SEGMENTS
    matter.method, matter.venue = "meeting", "Nhà văn hoá bản"
    matter.starts_at = dt.time(19, 30)
    assert "23/11/2026 lúc 19:30, tại Nhà văn hoá bản" in opened_text(matter)
    # A very long title is what the SMS channel cuts: the day and the links stay.
    matter.title = "Xây dựng " * 40
    sent = fit(opened_text(matter), settings.COSO_SMS_MAX_SEGMENTS)
    assert segments(sent) <= settings.COSO_SMS_MAX_SEGMENTS
    assert f"/m/{matter.pk}/" in sent and "23/11/2026" in sent and sent.endswith("…")


def _queries_to_open(official, place, households: int) -> int:
    phoned_households(place, *(f"09120{place.pk:03d}{i:02d}" for i in range(households)))
    matter = services.matter_create(
        actor=official, unit=place, matter_type="6", title="Chọn ngày hội", method="ballot"
    )
    with CaptureQueriesContext(connection) as run:
        services.matter_open(actor=official, matter=matter, on=DAY)
    assert Notice.objects.filter(key__startswith=f"decisions.opened:{matter.pk}:").count() == (
        households
    )
    return len(run.captured_queries)


def test_the_queries_do_not_grow_with_the_households(tree, official_a, django_assert_num_queries):
    few = _queries_to_open(official_a, village(tree.a, "Thôn Ít"), 3)
    many = _queries_to_open(official_a, village(tree.a, "Thôn Nhiều"), 30)
    assert few == many
    matter = Matter.objects.select_related("unit").filter(title="Chọn ngày hội").first()
    Notice.objects.filter(key__startswith=f"decisions.opened:{matter.pk}:").delete()
    # Read the phones, the preferences, insert.
    with django_assert_num_queries(3):
        households_tell_opened(matter)
    assert Notice.objects.filter(key__startswith=f"decisions.opened:{matter.pk}:").count() == 3
