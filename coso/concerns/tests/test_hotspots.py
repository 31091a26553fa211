"""Hotspots open once, on the rulebook's counts, and are tracked to their outcome
(issue 21's acceptance): five households in one commune within the window open exactly
one; four open none; a sixth attaches; the same household twice counts once; a crowd
petition opens one alone; the steering committees are told once."""

import datetime as dt

import pytest
from django.db import transaction

from coso import rules
from coso.accounts.models import Role, RoleAssignment, User
from coso.concerns import hotspots
from coso.concerns.models import ConcernTopic, Hotspot, HotspotStatus
from coso.concerns.tests.hotspot_factories import households_of, raise_concern
from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.core.tests.race import race
from coso.notices.models import Notice

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def committee(tree, official_a, official_b, province_viewer):
    """The commune's official and the province's monitor have addresses: they are told."""
    for user in (official_a, official_b, province_viewer):
        user.email = f"{user.username}@example.vn"
        user.save()
    return official_a, province_viewer


def _raise_five(tree, n=5, **kw):
    homes = households_of(tree.village_a, n)
    for i, home in enumerate(homes):
        raise_concern(tree.village_a, household=home, on=TODAY - dt.timedelta(days=i), **kw)
    return homes


def test_the_rules_are_in_the_rulebook_with_their_basis():
    topic = rules.value("hotspot.topic")
    assert topic["households"] == 5 and topic["days"] == 30 and "other" in topic["exclude"]
    assert rules.value("hotspot.crowd") == {"people": 5}
    assert "42/2013/QH13" in rules.citation("hotspot.crowd")
    assert "Coso" in rules.citation("hotspot.topic")


def test_five_households_open_exactly_one_hotspot(tree, committee):
    _raise_five(tree)
    hotspot = Hotspot.objects.get()
    assert (hotspot.commune, hotspot.topic_id) == (tree.a, hotspot.topic.pk)
    assert hotspot.topic.code == "land"  # the first-level topic of land.compensation
    assert (hotspot.households, hotspot.records, hotspot.status) == (5, 5, HotspotStatus.OPEN)
    assert hotspot.rule["code"] == "hotspot.topic"
    assert hotspot.rule["found"]["households"] == 5
    assert ConcernTopic.objects.filter(hotspot=hotspot).count() == 5
    assert hotspot.opened_on == TODAY
    # Tracked as a follow-up owned by the commune, due by the rule.
    followup = hotspot.followup
    assert followup.unit == tree.a and followup.status == "open"
    assert followup.due_on == rules.due_date("hotspot.followup_days", TODAY)
    assert AuditEntry.objects.filter(model="concerns.hotspot", object_pk=str(hotspot.pk)).exists()


def test_four_households_open_none(tree, committee):
    _raise_five(tree, 4)
    assert not Hotspot.objects.exists()
    assert not Notice.objects.exists()


def test_a_sixth_attaches_to_the_open_hotspot_and_tells_no_one_again(tree, committee):
    _raise_five(tree)
    told = Notice.objects.count()
    sixth = households_of(tree.village_a, 1, prefix="S")[0]
    rows = raise_concern(tree.village_a, household=sixth)
    hotspot = Hotspot.objects.get()
    assert ConcernTopic.objects.get(pk=rows[0].pk).hotspot == hotspot
    assert (hotspot.households, hotspot.records) == (6, 6)
    assert Notice.objects.count() == told


def test_the_same_household_twice_counts_once(tree, committee):
    homes = _raise_five(tree, 4)
    raise_concern(tree.village_a, household=homes[0], channel="opinion")
    assert not Hotspot.objects.exists()  # four households, five records


def test_a_crowd_petition_opens_one_alone(tree, committee):
    raise_concern(tree.village_a, "roads", people=5)
    hotspot = Hotspot.objects.get()
    assert hotspot.rule["code"] == "hotspot.crowd"
    assert (hotspot.households, hotspot.records) == (1, 1)
    raise_concern(tree.village_a, "roads", people=4)
    assert Hotspot.objects.count() == 1


def test_four_people_are_no_crowd(tree):
    raise_concern(tree.village_a, "roads", people=4)
    assert not Hotspot.objects.exists()


def test_the_steering_committees_are_told_once_each(tree, committee):
    official_a, province_viewer = committee
    _raise_five(tree)
    hotspot = Hotspot.objects.get()
    notices = Notice.objects.order_by("to")
    assert [n.to for n in notices] == [official_a.email, province_viewer.email]
    assert all(str(hotspot.pk) in n.key for n in notices)
    assert "Lò Văn" not in notices[0].body  # no resident's name
    hotspots.attach(list(ConcernTopic.objects.all()))  # attached again: no new notice
    assert Notice.objects.count() == 2


def test_records_outside_the_window_or_commune_or_on_other_count_apart(tree, committee):
    days = rules.value("hotspot.topic")["days"]
    homes = households_of(tree.village_a, 4)
    for home in homes:
        raise_concern(tree.village_a, household=home, on=TODAY - dt.timedelta(days=days))
    raise_concern(tree.village_b, household=households_of(tree.village_b, 1, "B")[0])
    others = households_of(tree.village_a, 5, prefix="O")
    for home in others:
        raise_concern(tree.village_a, "other", household=home)
    fifth = households_of(tree.village_a, 1, prefix="F")[0]
    raise_concern(tree.village_a, household=fifth)
    assert not Hotspot.objects.exists()


def test_closing_closes_the_followup_and_a_new_record_does_not_reopen_it(tree, committee):
    official_a, _viewer = committee
    _raise_five(tree)
    hotspot = Hotspot.objects.get()
    hotspots.hotspot_close(
        actor=official_a, hotspot=hotspot, outcome="Đã đối thoại, bồi thường bổ sung."
    )
    hotspot.refresh_from_db()
    assert hotspot.status == HotspotStatus.CLOSED and hotspot.closed_on == TODAY
    hotspot.followup.refresh_from_db()
    assert hotspot.followup.status == "done"
    assert hotspot.followup.result == "Đã đối thoại, bồi thường bổ sung."
    with pytest.raises(DomainError):
        hotspots.hotspot_close(actor=official_a, hotspot=hotspot, outcome="lại")
    raise_concern(tree.village_a, household=households_of(tree.village_a, 1, "N")[0])
    assert Hotspot.objects.count() == 1  # the closed one's records do not count again


def test_closing_needs_an_outcome_and_the_commune_official(tree, committee, front_officer):
    _raise_five(tree)
    hotspot = Hotspot.objects.get()
    with pytest.raises(DomainError):
        hotspots.hotspot_close(actor=committee[0], hotspot=hotspot, outcome="  ")
    with pytest.raises(DomainError):
        hotspots.hotspot_close(actor=front_officer, hotspot=hotspot, outcome="Xong")
    assert Hotspot.objects.get().status == HotspotStatus.OPEN


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_records_written_at_once_open_one_hotspot(tree):
    """Each transaction sees four committed households and its own fifth: both reach
    the rule, the partial unique constraint lets one hotspot through, and the other
    record joins it."""
    homes = households_of(tree.village_a, 6)
    for home in homes[:4]:
        raise_concern(tree.village_a, household=home)

    def fifth(home):
        def write():
            with transaction.atomic():
                return raise_concern(tree.village_a, household=home)

        return write

    outcomes = race(fifth(homes[4]), fifth(homes[5]))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    hotspot = Hotspot.objects.get()
    assert ConcernTopic.objects.filter(hotspot=hotspot).count() == 6
    assert hotspot.followup is not None


def test_only_the_commune_officials_are_offered_as_owners(tree, official_a, official_b):
    _raise_five(tree)
    viewer = User.objects.create_user("tinh2", password="pw")
    RoleAssignment.objects.create(user=viewer, unit=tree.province, role=Role.PROVINCE_VIEWER)
    assert hotspots.owners_for(Hotspot.objects.get()) == [official_a]
