"""Roles that watch or supervise (the province's and the centre's monitoring accounts,
the Fatherland Front cadre, the People's Inspection Board member) never write: every
form and API operation that changes data refuses them — 403 or 404, or the form shown
again — and nothing changes, not even the audit log. The handler's own write succeeds,
so the test can tell a refusal from a broken endpoint."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import READ_ONLY_ROLES
from coso.core.models import AuditEntry
from coso.decisions import services as decisions
from coso.disclosures.services import DisclosureData, disclosure_publish
from coso.people.tests.factories import make_household
from coso.petitions import reception
from coso.petitions import services as petitions
from coso.petitions.models import Petition, ReceptionVisit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def records(tree, official_a, village_head):
    make_household(tree.village_a, "A-1")
    session = reception.session_create(
        actor=official_a, unit=tree.a, date=dt.date(2026, 11, 24), leader="Chủ tịch UBND xã"
    )
    petition = petitions.petition_submit(
        actor=None,
        unit=tree.a,
        data=petitions.Submission(kind="feedback", subject="Đèn đường hỏng", description="x"),
    )
    matter = decisions.matter_create(
        actor=village_head, unit=tree.village_a, matter_type="6", title="Ngày hội bản"
    )
    disclosure = disclosure_publish(
        actor=official_a,
        unit=tree.a,
        data=DisclosureData(category="1", title="Kế hoạch", channels=["notice_board"]),
    )
    return {"session": session, "petition": petition, "matter": matter, "disclosure": disclosure}


VISIT = {"visitor": "Lò Văn Pọm", "kind": "feedback", "subject": "Đường hỏng", "description": "x"}


def writes(tree, r):
    """(url, data, as JSON) for every form and API operation that writes."""
    p, m, d = r["petition"].pk, r["matter"].pk, r["disclosure"]
    return [
        (reverse("petitions:session", args=[r["session"].pk]), VISIT, False),
        (
            reverse("petitions:schedule", args=[tree.a.code]),
            {"date": "2026-11-26", "leader": "Phó chủ tịch"},
            False,
        ),
        (
            reverse("petitions:intake", args=[tree.a.code]),
            {**VISIT, "category": "other", "channel": "letter", "complaint_round": 1},
            False,
        ),
        (reverse("petitions:accept", args=[p]), {"note": "x"}, False),
        (reverse("petitions:refuse", args=[p]), {"reason": "x"}, False),
        (reverse("petitions:transfer", args=[p]), {"to_unit": tree.b.code}, False),
        (
            reverse("decisions:new", args=[tree.village_a.code]),
            {"matter_type": "6", "title": "x", "method": "meeting", "seats": 1},
            False,
        ),
        (reverse("decisions:open", args=[m]), {}, False),
        (reverse("decisions:void", args=[m]), {"reason": "x"}, False),
        (
            reverse("disclosures:publish", args=[tree.a.code]),
            {
                "category": "2",
                "title": "x",
                "channels": ["notice_board"],
                "posted_on": "2026-11-25",
            },
            False,
        ),
        (
            reverse("disclosures:amend", args=[d.pk]),
            {"title": "y", "channels": ["notice_board"]},
            False,
        ),
        (reverse("disclosures:take_down", args=[d.pk]), {"reason": "x"}, False),
        (
            "/api/disclosures",
            {"unit": tree.a.code, "category": "2", "title": "x", "channels": ["notice_board"]},
            True,
        ),
        (f"/api/disclosures/{d.series}/take-down", {"reason": "x"}, True),
    ]


def _post(client, url, data, as_json):
    if as_json:
        return client.post(url, data, content_type="application/json")
    return client.post(url, data)


def _state():
    return (
        AuditEntry.objects.count(),
        Petition.objects.count(),
        list(Petition.objects.values_list("status", flat=True)),
        ReceptionVisit.objects.count(),
    )


@pytest.mark.parametrize("read_only", READ_ONLY_ROLES, indirect=True)
def test_read_only_roles_change_nothing(client, tree, records, read_only):
    client.force_login(read_only)
    for url, data, as_json in writes(tree, records):
        before = _state()
        response = _post(client, url, data, as_json)
        assert response.status_code in (200, 302, 400, 403, 404), url
        assert _state() == before, f"{read_only.username} changed something through {url}"


@pytest.mark.parametrize("read_only", READ_ONLY_ROLES, indirect=True)
def test_reception_visits_are_the_handlers_alone(client, tree, records, read_only, official_a):
    url = reverse("petitions:session", args=[records["session"].pk])
    client.force_login(read_only)
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, VISIT).status_code in (403, 404)
    assert not ReceptionVisit.objects.exists()
    client.force_login(official_a)
    assert client.post(url, VISIT).status_code == 302
    assert ReceptionVisit.objects.count() == 1
