"""A round's state moves made on a stale page: the second is refused and the audit log
holds one entry per move; a correction never lands on a round voided meanwhile."""

import pytest

from coso.core.errors import DomainError
from coso.core.models import AuditAction, AuditEntry
from coso.decisions import services
from coso.decisions.models import Matter, Status
from coso.decisions.tests.test_decisions import household_ids, new_matter
from coso.people.tests.factories import make_household

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(tree):
    for i in range(10):
        make_household(tree.village_a, f"V{i:02d}")
    return tree.village_a


def _counted(village_head, village) -> Matter:
    matter = new_matter(village_head, village)
    services.matter_open(actor=village_head, matter=matter)
    services.attendance_record(
        actor=village_head, matter=matter, household_ids=household_ids(village)[:8]
    )
    services.tally_record(actor=village_head, matter=matter, counts={"yes": 6, "no": 2})
    services.matter_count(actor=village_head, matter=matter)
    return matter


def _moves(matter: Matter) -> list[dict]:
    entries = AuditEntry.objects.filter(
        model="decisions.matter", object_pk=str(matter.pk), action=AuditAction.UPDATE
    ).order_by("seq")
    return [e.changes for e in entries]


def test_each_move_is_audited_once_and_a_stale_one_is_refused(village, village_head):
    matter = _counted(village_head, village)
    first, second = (Matter.objects.get(pk=matter.pk) for _ in range(2))
    services.matter_publish(actor=village_head, matter=first, chair="Ông A")
    with pytest.raises(DomainError, match="vừa được người khác thay đổi"):
        services.matter_publish(actor=village_head, matter=second, chair="Ông B")
    moves = _moves(matter)
    assert [m["status"] for m in moves] == [
        [Status.DRAFT, Status.OPEN],
        [Status.OPEN, Status.COUNTED],
        [Status.COUNTED, Status.PUBLISHED],
    ]
    # The rules frozen at opening are named by their codes in the log.
    assert moves[0]["rules"][1]["approval"] == "vote.approval.general"
    assert moves[2]["chair"] == ["", "Ông A"]
    assert Matter.objects.get(pk=matter.pk).chair == "Ông A"


def test_a_correction_is_refused_once_the_round_was_voided(village, village_head):
    matter = _counted(village_head, village)
    stale = Matter.objects.get(pk=matter.pk)
    services.matter_void(actor=village_head, matter=matter, reason="Họp sai thành phần")
    with pytest.raises(DomainError, match="Không thể làm việc này"):
        services.matter_correct(
            actor=village_head, matter=stale, counts={"yes": 7, "no": 1}, reason="Đếm lại"
        )
    assert Matter.objects.get(pk=matter.pk).status == Status.VOID
