"""The kinds recorded at the commune rather than at a village meeting: a reception
visit, a dialogue's questions and commitments, an inspection board's findings, a
village's part of a commune-wide round. Each runs
through its app's own service with its checks, once, and a refusal writes nothing."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions import services as decisions
from coso.decisions.models import Participation, Tally
from coso.dialogues.models import Item, Kind, Meeting
from coso.field import selectors, services
from coso.field.models import FieldEntry
from coso.followups.models import FollowUp
from coso.oversight.models import Plan
from coso.people.models import Household
from coso.people.tests.factories import adult, make_household
from coso.petitions.models import Channel, Petition, ReceptionSession, ReceptionVisit
from coso.units.tests.factories import village

pytestmark = pytest.mark.django_db


def entry(kind, **data):
    return {"id": str(uuid.uuid4()), "kind": kind, "data": data}


def sync_twice(actor, *entries):
    once = services.entries_sync(actor=actor, entries=list(entries))
    assert services.entries_sync(actor=actor, entries=list(entries)) == once
    return once


def today():
    return timezone.localdate()


@pytest.fixture
def session(tree):
    return ReceptionSession.objects.create(
        unit=tree.a, date=today() - dt.timedelta(days=1), leader="Chủ tịch UBND xã"
    )


def visit(session, **extra):
    return entry(
        "visit",
        session=session.pk,
        visitor="Lò Văn Pọm",
        petition_kind="feedback",
        subject="Nước sinh hoạt",
        description="Bản thiếu nước sinh hoạt mùa khô.",
        **extra,
    )


def test_a_reception_visit_becomes_a_petition_once(session, official_a):
    [answer] = sync_twice(official_a, visit(session))
    assert answer["status"] == "ok", answer
    petition = Petition.objects.get()
    assert answer["tracking_code"] == petition.tracking_code
    assert petition.channel == Channel.RECEPTION and petition.received_on == session.date
    assert ReceptionVisit.objects.get().session == session
    assert FieldEntry.objects.count() == 1


def test_a_reception_visit_is_refused_with_the_services_message(session, front_officer):
    # The Front's cadre reads the commune's records, but only its handlers record visits.
    [answer] = sync_twice(front_officer, visit(session))
    assert answer["status"] == "conflict"
    assert answer["message"] == "Bạn không có quyền xử lý đơn thư của đơn vị này."
    assert not Petition.objects.exists() and not ReceptionVisit.objects.exists()


def test_another_communes_reception_session_is_not_found(session, official_b):
    [answer] = sync_twice(official_b, visit(session))
    assert answer["status"] == "conflict" and "Không tìm thấy" in answer["message"]
    assert not Petition.objects.exists()


@pytest.fixture
def dialogue(tree):
    return Meeting.objects.create(
        kind=Kind.DIALOGUE,
        unit=tree.a,
        date=today() - dt.timedelta(days=1),
        place="Hội trường UBND xã",
        chair="Chủ tịch UBND xã",
    )


def promise(days):
    return {
        "text": "Sửa đường vào bản trước mùa mưa",
        "owner_name": "Chủ tịch UBND xã",
        "due_on": (today() + dt.timedelta(days=days)).isoformat(),
    }


def dialogue_entry(meeting, due_in=30):
    return entry(
        "dialogue",
        meeting=meeting.pk,
        questions=[
            {"text": "Bao giờ làm đường vào bản?", "asker_name": "Lò Văn Pọm"},
            {
                "text": "Đường vào bản sạt lở",
                "answer": "Xã sẽ sửa",
                "commitment": promise(due_in),
            },
        ],
        commitments=[promise(due_in)],
    )


def test_a_dialogues_questions_and_commitments_are_recorded_once(dialogue, official_a):
    [answer] = sync_twice(official_a, dialogue_entry(dialogue))
    assert answer["status"] == "ok", answer
    items = list(Item.objects.filter(meeting=dialogue).order_by("number"))
    assert [(i.number, i.asker_name, i.answer) for i in items] == [
        (1, "Lò Văn Pọm", ""),
        (2, "", "Xã sẽ sửa"),
    ]
    assert items[0].followup is None and items[1].followup is not None
    assert FollowUp.objects.count() == 2


def test_a_dialogue_refused_writes_none_of_it(dialogue, official_a):
    # The second question's commitment is due before the meeting: the whole entry waits.
    [answer] = sync_twice(official_a, dialogue_entry(dialogue, due_in=-30))
    assert answer["status"] == "conflict"
    assert answer["message"].startswith("Hạn thực hiện không được trước ngày cam kết")
    assert not Item.objects.exists() and not FollowUp.objects.exists()


def test_another_communes_dialogue_is_not_found_and_a_reader_may_not_write(
    dialogue, official_b, inspection_member
):
    [theirs] = sync_twice(official_b, dialogue_entry(dialogue))
    assert theirs["status"] == "conflict" and "Không tìm thấy" in theirs["message"]
    [reader] = sync_twice(inspection_member, dialogue_entry(dialogue))
    assert reader["message"] == "Bạn không có quyền ghi vào hội nghị này."
    assert not Item.objects.exists() and not FollowUp.objects.exists()


@pytest.fixture
def plan(tree):
    return Plan.objects.create(
        commune=tree.a,
        subject="Kiểm tra việc thu quỹ",
        starts_on=today() - dt.timedelta(days=3),
        notified_on=today() - dt.timedelta(days=20),
    )


def finding(plan, text="Thu đúng mức, có sổ sách"):
    return entry("finding", plan=plan.pk, findings=text)


def test_an_inspections_findings_are_recorded_once(plan, inspection_member):
    [answer] = sync_twice(inspection_member, finding(plan))
    assert answer["status"] == "ok", answer
    plan.refresh_from_db()
    assert plan.findings == "Thu đúng mức, có sổ sách" and plan.finished_on == today()


def test_findings_recorded_meanwhile_are_not_overwritten(plan, inspection_member, official_a):
    [first] = sync_twice(inspection_member, finding(plan))
    [late] = sync_twice(inspection_member, finding(plan, "Khác"))
    assert first["status"] == "ok" and late["status"] == "conflict"
    assert "đã được ghi" in late["message"]
    # Not the board: the oversight service's own refusal, even for a finished plan.
    [official] = sync_twice(official_a, finding(plan, "Khác"))
    assert official["message"] == "Chỉ Ban Thanh tra nhân dân của xã ghi việc này."
    plan.refresh_from_db()
    assert plan.findings == "Thu đúng mức, có sổ sách"


def test_findings_refused_by_the_service_write_nothing(plan, inspection_member, tree):
    [empty] = sync_twice(inspection_member, finding(plan, "  "))
    assert empty["status"] == "conflict" and empty["message"] == "Cần ghi kết quả kiểm tra."
    other = User.objects.create_user("ttnd-b")
    RoleAssignment.objects.create(user=other, unit=tree.b, role=Role.INSPECTION_MEMBER)
    [theirs] = sync_twice(other, finding(plan))
    assert theirs["status"] == "conflict" and "Không tìm thấy" in theirs["message"]
    plan.refresh_from_db()
    assert plan.findings == "" and plan.finished_on is None


@pytest.fixture
def commune_round(tree, official_a):
    """A commune's contribution decided village by village (GDL art. 21(1))."""
    second = village(tree.a, "Bản Nà Hừ")
    for place, n in ((tree.village_a, 3), (second, 2)):
        for i in range(n):
            make_household(place, f"{place.name[-3:]}-{i}", members=[adult(f"Chủ hộ {i}")])
    matter = decisions.matter_create(
        actor=official_a, unit=tree.a, matter_type="1", title="Góp tiền làm đường liên thôn"
    )
    decisions.matter_open(actor=official_a, matter=matter)
    assert [v["code"] for v in matter.villages] == sorted([tree.village_a.code, second.code])
    return matter, second


def test_a_villages_part_of_a_commune_round_is_cached_and_recorded(
    tree, commune_round, official_a, village_head
):
    matter, second = commune_round
    cached = selectors.field_data(user=official_a)["meetings"]
    parts = {m["cluster"]: [h["id"] for h in m["households"]] for m in cached}
    mine = sorted(Household.objects.filter(village=second).values_list("id", flat=True))
    assert sorted(parts[second.code]) == mine and len(parts[tree.village_a.code]) == 3
    assert {m["key"] for m in cached} == {f"{matter.pk}:{c}" for c in parts}
    part = entry(
        "meeting", matter=matter.pk, cluster=second.code, households=mine, counts={"yes": 2}
    )
    [answer] = sync_twice(official_a, part)
    assert answer["status"] == "ok", answer
    assert dict(
        Participation.objects.filter(matter=matter).values_list("household_id", "cluster")
    ) == dict.fromkeys(mine, second.code)
    assert (
        dict(
            Tally.objects.filter(matter=matter, cluster=second.code).values_list(
                "option__key", "count"
            )
        )["yes"]
        == 2
    )
    # Another village's households in this village's part: the service refuses it.
    wrong = entry(
        "meeting", matter=matter.pk, cluster=second.code, households=parts[tree.village_a.code]
    )
    [refused] = sync_twice(official_a, wrong)
    assert refused["message"] == "Có hộ không thuộc đơn vị này."
    # The village head records the village's own rounds, not the commune's.
    assert selectors.field_data(user=village_head)["meetings"] == []
    [theirs] = sync_twice(village_head, part)
    assert theirs["status"] == "conflict" and "Không tìm thấy" in theirs["message"]
    assert Participation.objects.filter(matter=matter).count() == 2


def test_the_commune_work_cached_is_only_what_the_user_may_record(
    session, dialogue, plan, official_a, official_b, inspection_member, front_officer
):
    def cached(user):
        work = selectors.field_data(user=user)
        return {k: [r["id"] for r in work[k]] for k in ("sessions", "dialogues", "plans")}

    assert cached(official_a) == {"sessions": [session.pk], "dialogues": [dialogue.pk], "plans": []}
    assert cached(front_officer) == {"sessions": [], "dialogues": [dialogue.pk], "plans": []}
    assert cached(inspection_member) == {"sessions": [], "dialogues": [], "plans": [plan.pk]}
    assert cached(official_b) == {"sessions": [], "dialogues": [], "plans": []}
    services.entries_sync(actor=inspection_member, entries=[finding(plan)])
    assert cached(inspection_member)["plans"] == []  # findings recorded: nothing left to enter
