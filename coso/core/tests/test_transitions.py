"""The one conditional, audited state change: a move made on a stale read is refused
and changes nothing; a move that wins changes only the columns it names and writes one
audit entry. (A consultation stands in for any record with a status.)"""

import datetime as dt

import pytest
from django.db import transaction

from coso.consultations import services
from coso.consultations.models import Consultation, Status
from coso.core.errors import DomainError
from coso.core.models import AuditAction, AuditEntry
from coso.core.transitions import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(tree, official_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 3, tzinfo=dt.UTC), tick=False)
    return services.consultation_publish(
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


def _updates(consultation: Consultation) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            model="consultations.consultation",
            object_pk=str(consultation.pk),
            action=AuditAction.UPDATE,
        )
    )


def _close(consultation: Consultation, actor, **kw) -> Consultation:
    return transition(
        consultation,
        actor=actor,
        unit_id=consultation.unit_id,
        from_states=(Status.OPEN,),
        to=Status.CLOSED,
        fields={"closed_on": dt.date(2026, 10, 22)},
        **kw,
    )


def test_a_move_changes_only_what_it_names_and_is_audited_once(consultation, official_a):
    stale = Consultation.objects.get(pk=consultation.pk)
    # Someone else edits another column after the page was read; the move keeps it.
    Consultation.objects.filter(pk=consultation.pk).update(title="Tên đã sửa")
    moved = _close(stale, official_a)
    assert moved is stale and stale.status == Status.CLOSED
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED
    assert consultation.closed_on == dt.date(2026, 10, 22)
    assert consultation.title == "Tên đã sửa"
    (entry,) = _updates(consultation)
    assert entry.changes == {
        "status": [Status.OPEN, Status.CLOSED],
        "closed_on": [None, "2026-10-22"],
    }
    assert entry.actor_id == official_a.pk and entry.unit_id == consultation.unit_id


def test_a_stale_move_is_refused_and_changes_nothing(consultation, official_a):
    first, second = (Consultation.objects.get(pk=consultation.pk) for _ in range(2))
    _close(first, official_a)
    with pytest.raises(DomainError) as refused:
        transition(
            second,
            actor=official_a,
            unit_id=second.unit_id,
            from_states=(Status.OPEN,),
            to=Status.CLOSED,
            fields={"closed_on": dt.date(2026, 10, 25)},
        )
    assert refused.value.message == (
        "Nội dung này vừa được người khác thay đổi; hãy tải lại trang."
    )
    assert second.status == Status.OPEN and second.closed_on is None  # instance untouched
    consultation.refresh_from_db()
    assert consultation.closed_on == dt.date(2026, 10, 22)
    assert len(_updates(consultation)) == 1


def test_further_conditions_and_the_callers_message(consultation, official_a):
    with pytest.raises(DomainError, match="Đã đổi tên") as refused:
        _close(
            consultation,
            official_a,
            where={"title": "Một tên khác"},
            message="Đã đổi tên",
            field="title",
        )
    assert refused.value.field == "title"
    assert Consultation.objects.get(pk=consultation.pk).status == Status.OPEN
    assert _updates(consultation) == []


def test_a_refused_move_leaves_the_callers_transaction_usable(consultation, official_a):
    Consultation.objects.filter(pk=consultation.pk).update(status=Status.CLOSED)
    with transaction.atomic():
        with pytest.raises(DomainError):
            _close(consultation, official_a)
        # The caller may go on: no savepoint was rolled back, no error left pending.
        assert Consultation.objects.filter(pk=consultation.pk).exists()


def test_a_move_without_a_condition_is_a_programming_error(consultation, official_a):
    with pytest.raises(ValueError, match="conditional"):
        transition(consultation, actor=official_a, unit_id=None, from_states=None, to="x")
