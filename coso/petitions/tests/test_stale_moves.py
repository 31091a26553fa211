"""A petition's moves made on a stale page: the second of two is refused, nothing of it
is written, and the audit log holds one entry per move."""

import datetime as dt

import pytest

from coso.core.errors import DomainError
from coso.core.models import AuditAction, AuditEntry
from coso.petitions import services
from coso.petitions.models import Event, Kind, Petition, Status

pytestmark = pytest.mark.django_db
D = dt.date
STALE = "Đơn này vừa được xử lý hoặc không còn ở bước này; hãy tải lại."


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC), tick=False)


def _submit(unit, kind=Kind.FEEDBACK, **kw):
    data = services.Submission(
        kind=kind, subject="Đường bản bị sạt lở", description="Đoạn đường qua bản bị sạt.", **kw
    )
    return services.petition_submit(actor=None, unit=unit, data=data)


def _updates(petition: Petition) -> int:
    return AuditEntry.objects.filter(
        model="petitions.petition", object_pk=str(petition.pk), action=AuditAction.UPDATE
    ).count()


def test_accepting_a_petition_refused_meanwhile_is_refused(tree, official_a):
    p = _submit(tree.a)
    stale = Petition.objects.get(pk=p.pk)
    services.petition_refuse(actor=official_a, petition=p, reason="Không thuộc thẩm quyền")
    with pytest.raises(DomainError) as refused:
        services.petition_accept(actor=official_a, petition=stale)
    assert refused.value.message == STALE
    assert Petition.objects.get(pk=p.pk).status == Status.REFUSED
    assert _updates(p) == 1
    assert not Event.objects.filter(petition=p, action="accepted").exists()


def test_two_extensions_from_one_page_extend_once(tree, official_a):
    p = _submit(tree.a, Kind.DENUNCIATION, received_on=D(2026, 3, 2), sender_name="A B")
    services.petition_accept(actor=official_a, petition=p, on=D(2026, 3, 2))
    first, second = (Petition.objects.get(pk=p.pk) for _ in range(2))
    services.petition_extend(actor=official_a, petition=first, reason="Phức tạp")
    with pytest.raises(DomainError, match="vừa được xử lý"):
        services.petition_extend(
            actor=official_a, petition=second, reason="Đặc biệt phức tạp", very_complex=True
        )
    p.refresh_from_db()
    assert p.extensions == 1 and p.due_on == first.due_on
    assert Event.objects.filter(petition=p, action="extended").count() == 1
    assert _updates(p) == 2  # accepted, extended once
