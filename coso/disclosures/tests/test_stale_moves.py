"""A disclosure taken down from two pages read while it was up: the second is refused,
the first day and reason stay, and the take-down is audited once."""

import datetime as dt

import pytest

from coso.core.errors import DomainError
from coso.core.models import AuditAction, AuditEntry
from coso.disclosures.models import Disclosure
from coso.disclosures.services import disclosure_take_down
from coso.disclosures.tests.test_disclosures import publish

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC), tick=False)


def test_a_disclosure_is_taken_down_once(tree, official_a):
    d = publish(official_a, tree.a, posted_on=D(2026, 10, 1))
    first, second = (Disclosure.objects.get(pk=d.pk) for _ in range(2))
    disclosure_take_down(actor=official_a, disclosure=first, on=D(2026, 11, 20))
    with pytest.raises(DomainError, match="đã được gỡ"):
        disclosure_take_down(actor=official_a, disclosure=second, on=D(2026, 11, 21))
    d.refresh_from_db()
    assert d.taken_down_on == D(2026, 11, 20)
    updates = AuditEntry.objects.filter(
        model="disclosures.disclosure", object_pk=str(d.pk), action=AuditAction.UPDATE
    )
    assert [e.changes["taken_down_on"] for e in updates] == [[None, "2026-11-20"]]
