"""Two officials move one follow-up at the same moment: exactly one move is made, the
other is refused with a message telling its author to reload, and the audit log holds
one entry for it. On PostgreSQL the two moves race on two connections."""

import datetime as dt

import pytest

from coso.accounts.models import Role, RoleAssignment, User
from coso.core.errors import DomainError
from coso.core.models import AuditAction, AuditEntry
from coso.core.tests.race import race
from coso.dialogues import services as dialogues
from coso.followups import services
from coso.followups.models import FollowUp, Status, Step
from coso.followups.services import Promise

DAY = dt.date(2026, 9, 10)
STALE = "Nội dung này vừa được người khác thay đổi; hãy tải lại trang."


def _updates(followup: FollowUp) -> int:
    return AuditEntry.objects.filter(
        model="followups.followup", object_pk=str(followup.pk), action=AuditAction.UPDATE
    ).count()


@pytest.fixture
def followup(tree, official_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 9, 20, 3, tzinfo=dt.UTC), tick=False)
    meeting = dialogues.meeting_create(
        actor=official_a,
        unit=tree.a,
        data=dialogues.MeetingData(kind="voters", date=DAY, place="x", chair="y"),
    )
    promise = Promise("Sửa cống", tree.a, "Chủ tịch", DAY + dt.timedelta(days=30), DAY)
    return dialogues.commitment_add(actor=official_a, meeting=meeting, promise=promise)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moves_of_one_followup_at_once_one_wins(tree, official_a, followup):
    colleague = User.objects.create_user("colleague_a", password="pw")
    RoleAssignment.objects.create(user=colleague, unit=tree.a, role=Role.COMMUNE_OFFICIAL)
    # Each official has the page open: both read the follow-up while it is still open.
    seen_by_a, seen_by_colleague = (FollowUp.objects.get(pk=followup.pk) for _ in range(2))
    outcomes = race(
        lambda: services.followup_move(
            actor=official_a, followup=seen_by_a, status=Status.DONE, note="Đã sửa xong"
        ),
        lambda: services.followup_move(
            actor=colleague, followup=seen_by_colleague, status=Status.CANNOT, note="Thiếu vốn"
        ),
    )
    won = [o for o in outcomes if isinstance(o, FollowUp)]
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert (len(won), len(refused)) == (1, 1), outcomes
    assert refused[0].message == STALE and refused[0].field == "status"
    followup.refresh_from_db()
    assert followup.status == won[0].status
    assert followup.result == won[0].result
    assert _updates(followup) == 1
    assert Step.objects.filter(followup=followup).count() == 2  # opened, and the one move
