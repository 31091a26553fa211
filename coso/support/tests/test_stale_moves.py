"""A list posted, or an objection answered, from a page read before someone else did
it: refused, with one disclosure and one answer, each audited once."""

import datetime as dt

import pytest

from coso.core.errors import DomainError
from coso.core.models import AuditAction, AuditEntry
from coso.disclosures.models import Disclosure
from coso.support import services
from coso.support.models import Objection, Programme
from coso.support.tests.test_support import gift, homes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 2, 3, tzinfo=dt.UTC), tick=False)


def _updates(obj) -> int:
    return AuditEntry.objects.filter(
        model=obj._meta.label_lower, object_pk=str(obj.pk), action=AuditAction.UPDATE
    ).count()


def test_a_list_is_posted_and_an_objection_answered_once(tree, official_a):
    homes(tree.village_a, 1)
    programme = gift(official_a, tree.a)
    services.recipients_add(
        actor=official_a, programme=programme, village=tree.village_a, codes=["H000"]
    )
    first, second = (Programme.objects.get(pk=programme.pk) for _ in range(2))
    services.programme_post(actor=official_a, programme=first)
    with pytest.raises(DomainError, match="đã niêm yết"):
        services.programme_post(actor=official_a, programme=second)
    assert Disclosure.objects.filter(unit=tree.a).count() == 1
    assert _updates(programme) == 1

    objection = services.objection_submit(programme=first, text="Nhà tôi chưa có tên")
    seen = [Objection.objects.get(pk=objection.pk) for _ in range(2)]
    services.objection_answer(actor=official_a, objection=seen[0], answer="Đã bổ sung")
    with pytest.raises(DomainError, match="đã được trả lời"):
        services.objection_answer(actor=official_a, objection=seen[1], answer="Không đúng")
    objection.refresh_from_db()
    assert objection.answer == "Đã bổ sung" and _updates(objection) == 1
