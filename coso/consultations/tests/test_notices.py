"""A consultation opened tells the commune's households: one notice each to those with
a phone, on the channel each chose, none to one that stopped notices nor to another
commune's; once; in a fixed number of queries whatever the number of households."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coso.consultations import services
from coso.consultations.tests.test_consultations import draft
from coso.decisions.tests.factories import phoned_households
from coso.notices.models import Channel, Notice
from coso.notices.segments import fit, segments
from coso.notices.services import resident_preference_set
from coso.units.tests.factories import village

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 3, tzinfo=dt.UTC), tick=False)


def _told() -> dict[str, tuple[str, str]]:
    rows = Notice.objects.filter(key__startswith="consultations.opened:")
    return {n.key: (n.to, n.channel) for n in rows}


def test_the_communes_households_with_a_phone_are_told_on_their_channel(tree, official_a):
    sms, zalo, stopped, _silent = phoned_households(
        tree.village_a, "0912000001", "0912000002", "0912000003", ""
    )
    (other_village,) = phoned_households(village(tree.a, "Thôn Hai"), "0912000004")
    phoned_households(tree.village_b, "0912000020")  # another commune
    resident_preference_set(recipient=f"household:{zalo.pk}", channel=Channel.ZALO, stopped=False)
    resident_preference_set(recipient=f"household:{stopped.pk}", channel=Channel.SMS, stopped=True)

    consultation = draft(official_a, tree.a)

    key = f"consultations.opened:{consultation.pk}"
    assert _told() == {
        f"{key}:{sms.pk}": ("0912000001", Channel.SMS),
        f"{key}:{zalo.pk}": ("0912000002", Channel.ZALO),
        f"{key}:{other_village.pk}": ("0912000004", Channel.SMS),
    }
    body = Notice.objects.get(key=f"{key}:{sms.pk}").body
    assert "21/10/2026" in body and "Dự thảo Quy chế dân chủ xã" in body
    assert f"{settings.COSO_SITE_URL}/consultations/{consultation.pk}/" in body
    assert segments(body) <= settings.COSO_SMS_MAX_SEGMENTS
    services.households_tell_opened(consultation)  # never twice
    assert len(_told()) == 3


def test_a_long_title_is_cut_the_day_and_the_link_stay(tree, official_a):
    consultation = draft(official_a, tree.a)
    consultation.title = "Dự thảo quy định " * 30
    sent = fit(services.opened_text(consultation), settings.COSO_SMS_MAX_SEGMENTS)
    assert f"/consultations/{consultation.pk}/" in sent and "21/10/2026" in sent


def test_one_recorded_after_it_closed_tells_no_one(tree, official_a, time_machine):
    phoned_households(tree.village_a, "0912000001")
    time_machine.move_to(dt.datetime(2026, 12, 1, 3, tzinfo=dt.UTC), tick=False)
    consultation = draft(official_a, tree.a, opened=dt.date(2026, 10, 1))
    assert consultation.pk and not _told()


def _queries_to_publish(official, unit) -> tuple[int, int]:
    """(queries, notices written) of publishing a draft in `unit`."""
    with CaptureQueriesContext(connection) as run:
        consultation = draft(official, unit)
    told = Notice.objects.filter(key__startswith=f"consultations.opened:{consultation.pk}:")
    return len(run.captured_queries), told.count()


def test_the_queries_do_not_grow_with_the_households(tree, official_a):
    draft(official_a, tree.a)  # the rulebook read once, as in a running server
    phoned_households(tree.village_a, *(f"091300000{i}" for i in range(3)))
    few, told = _queries_to_publish(official_a, tree.a)
    assert told == 3
    phoned_households(village(tree.a, "Thôn Đông"), *(f"09130001{i:02d}" for i in range(27)))
    many, told = _queries_to_publish(official_a, tree.a)
    assert (many, told) == (few, 30)
