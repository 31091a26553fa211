"""The field app's sync: each entry recorded once whatever the order and repetition of
its sends, through the same services as online entry; conflicts answered with the
service's message and nothing overwritten; only the roles the matrix grants."""

import itertools
import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions import services as decisions
from coso.decisions.models import Participation, Status, Tally
from coso.field import services
from coso.field.models import FieldEntry
from coso.people.models import Household
from coso.people.tests.factories import make_household
from coso.petitions.models import Channel, Petition

pytestmark = pytest.mark.django_db


def test_the_in_person_channel_is_the_petitions_one():
    assert services.IN_PERSON == Channel.IN_PERSON


@pytest.fixture
def meeting(tree, village_head):
    for i in range(12):
        make_household(tree.village_a, f"F{i:02d}")
    matter = decisions.matter_create(
        actor=village_head, unit=tree.village_a, matter_type="6", title="Làm đường nội bản"
    )
    decisions.matter_open(actor=village_head, matter=matter)
    return matter


def ids(village):
    return list(
        Household.objects.filter(village=village).order_by("id").values_list("id", flat=True)
    )


def meeting_entry(matter, households, counts=None, entry_id=None):
    return {
        "id": entry_id or str(uuid.uuid4()),
        "kind": "meeting",
        "data": {"matter": matter.pk, "households": households, "counts": counts or {}},
    }


def petition_entry(tree, entry_id=None):
    return {
        "id": entry_id or str(uuid.uuid4()),
        "kind": "petition",
        "data": {
            "commune": tree.a.code,
            "village": tree.village_a.code,
            "petition_kind": "feedback",
            "subject": "Đường vào bản sạt lở",
            "description": "Đoạn đường qua suối bị sạt sau mưa lớn.",
            "sender_name": "Lò Văn Pọm",
        },
    }


def recorded(matter):
    return (
        sorted(Participation.objects.filter(matter=matter).values_list("household_id", flat=True)),
        dict(Tally.objects.filter(matter=matter).values_list("option__key", "count")),
        Petition.objects.count(),
        FieldEntry.objects.count(),
    )


def test_every_ordering_of_a_duplicated_batch_records_each_entry_once(tree, meeting, village_head):
    households = ids(tree.village_a)[:10]
    first = meeting_entry(meeting, households, {"yes": 8, "no": 1, "other": 1})
    second = petition_entry(tree)
    orderings = set(itertools.permutations([0, 0, 1, 1]))
    answers, states = [], []
    for n, order in enumerate(sorted(orderings)):
        # Each ordering is a fresh queue (new identifiers), sent twice.
        made = [
            {**first, "id": str(uuid.uuid5(uuid.NAMESPACE_OID, f"m{n}"))},
            {**second, "id": str(uuid.uuid5(uuid.NAMESPACE_OID, f"p{n}"))},
        ]
        batch = [made[i] for i in order]
        before = Petition.objects.count()
        once = services.entries_sync(actor=village_head, entries=batch)
        again = services.entries_sync(actor=village_head, entries=batch)
        assert once == again
        by_id = {}
        for answer in once:
            assert answer["status"] == "ok", answer
            assert by_id.setdefault(answer["id"], answer) == answer  # a duplicate: same answer
        assert Petition.objects.count() == before + 1
        states.append(recorded(meeting)[:2])
        answers.append(once)
    assert len(orderings) == 6
    assert states == [(sorted(households), {"yes": 8, "no": 1, "other": 1})] * 6
    assert FieldEntry.objects.count() == 12 and Petition.objects.count() == 6
    codes = {a["tracking_code"] for batch in answers for a in batch if "tracking_code" in a}
    assert len(codes) == 6
    petition = Petition.objects.get(tracking_code=codes.pop())
    assert petition.channel == Channel.IN_PERSON and petition.village == tree.village_a


def test_the_outcome_is_the_same_as_entered_online(tree, meeting, village_head):
    twin = decisions.matter_create(
        actor=village_head, unit=tree.village_a, matter_type="6", title="Làm đường nội bản"
    )
    decisions.matter_open(actor=village_head, matter=twin)
    households = ids(tree.village_a)[:9]
    counts = {"yes": 7, "no": 2, "other": 0}
    decisions.attendance_record(actor=village_head, matter=twin, household_ids=households)
    decisions.tally_record(actor=village_head, matter=twin, counts=counts)
    [answer] = services.entries_sync(
        actor=village_head, entries=[meeting_entry(meeting, households, counts)]
    )
    assert answer["status"] == "ok"
    for matter in (twin, meeting):
        decisions.matter_count(actor=village_head, matter=matter)
        matter.refresh_from_db()
    assert meeting.outcome == twin.outcome and meeting.outcome["passed"]


def test_a_round_counted_meanwhile_is_a_conflict_and_nothing_is_overwritten(
    tree, meeting, village_head, official_a
):
    households = ids(tree.village_a)
    decisions.attendance_record(actor=official_a, matter=meeting, household_ids=households[:6])
    decisions.tally_record(actor=official_a, matter=meeting, counts={"yes": 5, "no": 1})
    decisions.matter_count(actor=official_a, matter=meeting)
    meeting.refresh_from_db()
    before, outcome = recorded(meeting), meeting.outcome
    entry = meeting_entry(meeting, households, {"yes": 12})
    [answer] = services.entries_sync(actor=village_head, entries=[entry])
    assert answer["status"] == "conflict"
    assert "Đã kiểm phiếu" in answer["message"] or "trạng thái" in answer["message"]
    meeting.refresh_from_db()
    assert recorded(meeting)[:3] == before[:3] and meeting.outcome == outcome
    assert meeting.status == Status.COUNTED
    # Sent again: the same answer, nothing run.
    assert services.entries_sync(actor=village_head, entries=[entry]) == [answer]


def test_counts_refused_leave_no_attendance_behind(tree, meeting, village_head):
    households = ids(tree.village_a)[:3]
    [answer] = services.entries_sync(
        actor=village_head, entries=[meeting_entry(meeting, households, {"yes": 9})]
    )
    assert answer["status"] == "conflict" and "vượt quá số có mặt" in answer["message"]
    assert recorded(meeting)[:2] == ([], {})


def test_another_units_matter_and_commune_answer_not_found(tree, meeting):
    head_b = User.objects.create_user("head_b", password="pw")
    RoleAssignment.objects.create(user=head_b, unit=tree.village_b, role=Role.VILLAGE_HEAD)
    answers = services.entries_sync(
        actor=head_b, entries=[meeting_entry(meeting, ids(tree.village_a)), petition_entry(tree)]
    )
    assert [a["status"] for a in answers] == ["conflict", "conflict"]
    assert "Không tìm thấy" in answers[0]["message"]
    assert "không có quyền" in answers[1]["message"]
    assert recorded(meeting)[:3] == ([], {}, 0)


def test_malformed_entries_are_refused_one_by_one(tree, meeting, village_head):
    good = petition_entry(tree)
    answers = services.entries_sync(
        actor=village_head,
        entries=[
            {"id": "not-a-uuid", "kind": "meeting", "data": {}},
            {"id": str(uuid.uuid4()), "kind": "vote", "data": {}},
            {"id": str(uuid.uuid4()), "kind": "meeting", "data": {"matter": "x"}},
            good,
        ],
    )
    assert [a["status"] for a in answers] == ["error", "error", "error", "ok"]


ROLES_ALLOWED = {
    Role.ADMINISTRATOR,
    Role.COMMUNE_OFFICIAL,
    Role.VILLAGE_HEAD,
    Role.FRONT_OFFICER,
    Role.INSPECTION_MEMBER,
}


@pytest.mark.parametrize("role", list(Role))
def test_the_sync_endpoint_answers_each_role_as_the_matrix_says(tree, meeting, role):
    user = User.objects.create_user(f"u-{role}", password="pw")
    nationwide = role in (Role.ADMINISTRATOR, Role.CENTRAL_VIEWER)
    place = (
        None if nationwide else (tree.province if role == Role.PROVINCE_VIEWER else tree.village_a)
    )
    RoleAssignment.objects.create(user=user, unit=place, role=role)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    data = client.get(reverse("field:data"))
    body = json.dumps({"entries": [petition_entry(tree)]})
    token = data.json().get("csrf", "") if data.status_code == 200 else ""
    response = client.post(
        reverse("field:sync"), body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    if role in ROLES_ALLOWED:
        assert data.status_code == 200 and response.status_code == 200
        assert response.json()["results"][0]["status"] == "ok"
    else:
        assert data.status_code == 403 and response.status_code == 403
        assert Petition.objects.count() == 0 and FieldEntry.objects.count() == 0


def test_sync_needs_the_csrf_token(tree, meeting, village_head):
    client = Client(enforce_csrf_checks=True)
    client.force_login(village_head)
    body = json.dumps({"entries": [petition_entry(tree)]})
    response = client.post(reverse("field:sync"), body, content_type="application/json")
    assert response.status_code == 403 and Petition.objects.count() == 0


def test_signed_out_and_households_are_refused(tree, meeting, monkeypatch):
    client = Client()
    body = json.dumps({"entries": [petition_entry(tree)]})
    sync = reverse("field:sync")
    assert client.post(sync, body, content_type="application/json").status_code == 401
    assert client.get(reverse("field:data")).status_code == 401
    # A household signed in on this session (coso.residents): refused, not asked to sign in.
    monkeypatch.setattr("coso.residents.services.current", lambda session: object())
    assert client.post(sync, body, content_type="application/json").status_code == 403
    assert client.get(reverse("field:data")).status_code == 403
    assert Petition.objects.count() == 0


def test_the_cached_data_holds_only_what_the_user_may_read(tree, meeting, village_head):
    province_head = User.objects.create_user("head-b", password="pw")
    RoleAssignment.objects.create(user=province_head, unit=tree.village_b, role=Role.VILLAGE_HEAD)
    client = Client()
    client.force_login(village_head)
    mine = client.get(reverse("field:data")).json()
    assert [m["id"] for m in mine["meetings"]] == [meeting.pk]
    assert len(mine["meetings"][0]["households"]) == 12
    assert [v["code"] for v in mine["villages"]] == [tree.village_a.code]
    client.force_login(province_head)
    theirs = client.get(reverse("field:data")).json()
    assert theirs["meetings"] == [] and [v["code"] for v in theirs["villages"]] == [
        tree.village_b.code
    ]


def test_sign_out_clears_what_the_device_kept(village_head):
    client = Client()
    client.force_login(village_head)
    response = client.post(reverse("accounts:logout"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'
