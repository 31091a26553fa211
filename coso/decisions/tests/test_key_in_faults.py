"""A bulk key-in of paper ballots cut off half-way (the database lost, the worker
killed) leaves the batch absent, never half-written; keyed in again it counts once."""

import pytest
from django.db import OperationalError

from coso.core.models import AuditEntry
from coso.decisions import services
from coso.decisions.models import Ballot, HouseholdCode, Mark, Participation
from coso.decisions.tests.test_decisions import new_matter
from coso.people.tests.factories import make_household

FORMS = 10


@pytest.fixture
def ballot_round(tree, village_head):
    for i in range(FORMS):
        make_household(tree.village_a, f"K{i:02d}")
    matter = new_matter(village_head, tree.village_a, method="ballot")
    services.matter_open(actor=village_head, matter=matter)
    return matter


def test_a_key_in_cut_off_half_way_leaves_nothing(ballot_round, village_head, monkeypatch):
    entries = [(n, ["yes"] if n % 2 else ["no"]) for n in range(1, FORMS + 1)]
    real_bulk_create = Mark.objects.bulk_create
    written = []

    def half_then_lost(marks, **kw):
        written.extend(real_bulk_create(marks[: len(marks) // 2], **kw))
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Mark.objects, "bulk_create", half_then_lost)
    with pytest.raises(OperationalError):
        services.ballots_key_in(actor=village_head, matter=ballot_round, entries=entries)
    assert len(written) == FORMS // 2  # the rows were written, then the transaction died
    assert not Ballot.objects.filter(matter=ballot_round).exists()
    assert not Mark.objects.filter(ballot__matter=ballot_round).exists()
    assert not Participation.objects.filter(matter=ballot_round).exists()
    assert not HouseholdCode.objects.filter(matter=ballot_round, used_at__isnull=False).exists()
    assert not AuditEntry.objects.filter(model="decisions.ballot").exists()

    monkeypatch.undo()
    assert services.ballots_key_in(actor=village_head, matter=ballot_round, entries=entries) == 10
    assert services.tally_counts(ballot_round) == {"yes": 5, "no": 5, "other": 0}
    assert Participation.objects.filter(matter=ballot_round).count() == FORMS
