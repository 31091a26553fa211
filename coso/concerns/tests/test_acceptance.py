"""Issue 21's acceptance, through the channels themselves (no row written by hand):
households of one commune send petitions and opinions as residents do; the rules
suggest the topic; a hotspot opens once, at the fifth household, and later records
attach to it; the steering committee is told once; the province's monitoring account
reads counts and topics down to the records, never a name."""

import pytest
from django.urls import reverse

from coso.concerns import services
from coso.concerns.models import Concern, ConcernTopic, Hotspot
from coso.concerns.tests.test_raised import consultation
from coso.consultations import services as consultations
from coso.notices.models import Notice
from coso.people.tests.factories import adult, make_household
from coso.petitions import services as petitions

pytestmark = pytest.mark.django_db
LAND = "Đền bù giải phóng mặt bằng chưa thỏa đáng"
UNACCENTED = "den bu giai phong mat bang chua thoa dang"


def send(unit, household, text=LAND):
    return petitions.petition_submit(
        actor=None,
        unit=unit,
        data=petitions.Submission(
            kind="feedback", subject="Kiến nghị", description=text, household=household
        ),
    )


@pytest.fixture
def homes(tree):
    return [
        make_household(tree.village_a, f"L-{n}", members=[adult(f"Lò Văn Dân{n}")])
        for n in range(1, 7)
    ]


def test_the_fifth_household_opens_one_hotspot_and_the_sixth_attaches(
    tree, homes, official_a, province_viewer
):
    for account in (official_a, province_viewer):
        account.email = f"{account.username}@example.vn"
        account.save(update_fields=["email"])
    for home in homes[:3]:
        send(tree.a, home)
    send(tree.a, homes[3], UNACCENTED)  # typed without diacritics: the same topic
    draft = consultation(official_a, tree.a)
    # The fourth household again, through another channel: still four households.
    consultations.opinion_send(household=homes[3], consultation=draft, clause=None, text=LAND)
    rows = ConcernTopic.objects.filter(commune=tree.a, top__code="land")
    assert rows.count() == 5 and {r.topic.code for r in rows} == {"land.compensation"}
    assert not Hotspot.objects.exists()

    send(tree.a, homes[4])
    hotspot = Hotspot.objects.get()
    assert (hotspot.commune, hotspot.topic.code) == (tree.a, "land")
    assert (hotspot.households, hotspot.records) == (5, 6)
    told = set(Notice.objects.values_list("to", flat=True))
    # The commune's officials and the province's steering committee, each once.
    assert told == {official_a.email, province_viewer.email}

    send(tree.a, homes[5])
    hotspot.refresh_from_db()
    assert Hotspot.objects.count() == 1 and (hotspot.households, hotspot.records) == (6, 7)
    assert Notice.objects.count() == len(told), "told once, not once per record"
    assert rows.filter(hotspot=hotspot).count() == 7

    send(tree.b, make_household(tree.village_b, "B-9"))  # another commune: no hotspot
    assert Hotspot.objects.count() == 1


def test_four_households_open_none(tree, homes):
    for home in homes[:4]:
        send(tree.a, home)
        send(tree.a, home)  # each twice: eight records, still four households
    assert ConcernTopic.objects.filter(commune=tree.a).count() == 8
    assert not Hotspot.objects.exists()


def test_the_province_reads_the_hotspot_down_to_its_records_without_a_name(
    client, tree, homes, province_viewer, official_b
):
    for home in homes[:5]:
        send(tree.a, home)
    hotspot = Hotspot.objects.get()
    client.force_login(province_viewer)
    dashboard = client.get(reverse("reports:unit_dashboard", args=[tree.province.code]))
    assert reverse("concerns:hotspot", args=[hotspot.pk]) in dashboard.content.decode()
    page = client.get(reverse("concerns:hotspot", args=[hotspot.pk]))
    records = client.get(reverse("concerns:records", args=[tree.a.code, "land"]))
    for shown in (page, records):
        text = shown.content.decode()
        assert shown.status_code == 200 and "Lò Văn" not in text and LAND not in text
    assert len(records.context["lines"]) == 5
    assert {line.concern.label for line in records.context["lines"]} == set(
        Concern.objects.values_list("label", flat=True)
    )

    client.force_login(official_b)  # commune B's official: neither texts nor hotspots of A
    assert client.get(reverse("concerns:hotspot", args=[hotspot.pk])).status_code == 404
    assert client.get(reverse("concerns:records", args=[tree.a.code, "land"])).status_code == 404
    assert client.get(reverse("concerns:hotspots", args=[tree.a.code])).status_code == 404


def test_a_record_the_official_moves_to_another_topic_leaves_the_hotspots_count(
    tree, homes, official_a
):
    sent = [send(tree.a, home) for home in homes[:5]]
    hotspot = Hotspot.objects.get()
    moved = Concern.objects.get(record_type="petitions.petition", record_id=str(sent[0].pk))
    services.classify(actor=official_a, concern=moved, topics=["procedures.delay"])
    hotspot.refresh_from_db()
    assert (hotspot.households, hotspot.records) == (4, 4)
    assert moved.suggested == ["land.compensation"], "the suggestion is kept beside"
