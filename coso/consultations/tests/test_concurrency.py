"""Two officials close one consultation at the same moment: exactly one closes it, the
other is told that it has just been closed, and the audit log holds one entry for it.
On PostgreSQL the two closings race on two connections."""

import datetime as dt

import pytest

from coso.accounts.models import Role, RoleAssignment, User
from coso.consultations import services
from coso.consultations.models import Consultation, Status
from coso.core.errors import DomainError
from coso.core.models import AuditAction, AuditEntry
from coso.core.tests.race import race


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_closings_of_one_consultation_at_once_one_wins(tree, official_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 3, tzinfo=dt.UTC), tick=False)
    consultation = services.consultation_publish(
        actor=official_a,
        unit=tree.a,
        draft=services.Draft(
            category="7",
            title="Dự thảo Quy chế dân chủ xã",
            clauses=["Điều 1. Phạm vi áp dụng cho toàn xã."],
            forms=["meeting"],
            closes_on=dt.date(2026, 10, 21),
        ),
    )
    colleague = User.objects.create_user("colleague_a", password="pw")
    RoleAssignment.objects.create(user=colleague, unit=tree.a, role=Role.COMMUNE_OFFICIAL)
    seen = [Consultation.objects.get(pk=consultation.pk) for _ in range(2)]
    outcomes = race(
        lambda: services.consultation_close(
            actor=official_a, consultation=seen[0], on=dt.date(2026, 10, 22)
        ),
        lambda: services.consultation_close(
            actor=colleague, consultation=seen[1], on=dt.date(2026, 10, 23)
        ),
    )
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(refused) == 1 and outcomes.count(None) == 1, outcomes
    assert refused[0].message == "Đợt lấy ý kiến vừa được người khác kết thúc; hãy tải lại trang."
    consultation.refresh_from_db()
    winner = seen[outcomes.index(None)]
    assert consultation.status == Status.CLOSED and consultation.closed_on == winner.closed_on
    updates = AuditEntry.objects.filter(
        model="consultations.consultation",
        object_pk=str(consultation.pk),
        action=AuditAction.UPDATE,
    )
    assert updates.count() == 1
