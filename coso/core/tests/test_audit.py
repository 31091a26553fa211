import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from coso.core import audit
from coso.core.models import AuditAction, AuditEntry
from coso.people.models import Resident
from coso.people.tests.factories import make_household
from coso.units.services import unit_create


@pytest.fixture
def logged(tree, official_a):
    """Several entries: a village created, a household with two members, an update."""
    village = unit_create(
        actor=official_a, parent=tree.a, code="A-V9", name="Bản Mới", kind="village"
    )
    make_household(village, "X-1", actor=official_a)
    before = audit.snapshot(village)
    village.name = "Bản Mới Đổi"
    village.save()
    audit.log_update(actor=official_a, obj=village, before=before, unit_id=village.pk)
    return village


def _sql(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_entries_record_who_what_and_before_after(logged, official_a):
    update = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert update.actor_id == official_a.pk and update.actor_label == "official_a"
    assert update.model == "units.unit" and update.object_pk == str(logged.pk)
    assert update.changes["name"] == ["Bản Mới", "Bản Mới Đổi"]
    seqs = list(AuditEntry.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_each_entry_carries_the_previous_hash(logged):
    entries = list(AuditEntry.objects.order_by("seq"))
    assert entries[0].prev_hash == audit.GENESIS_HASH
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash


def test_citizen_id_is_never_written_to_the_log(tree):
    from coso.people.tests.factories import adult

    make_household(tree.village_a, "C-1", members=[adult(citizen_id="012080000123")])
    resident = AuditEntry.objects.get(model="people.resident")
    assert resident.changes["citizen_id"] == [None, audit.REDACTED]
    assert "012080000123" not in str(list(AuditEntry.objects.values_list("changes", flat=True)))


def test_verify_passes_on_intact_log(logged, capsys):
    call_command("audit", "verify")
    assert "nguyên vẹn" in capsys.readouterr().out
    assert audit.verify().ok


def test_editing_an_entry_in_sql_is_caught_and_named(logged):
    target = AuditEntry.objects.get(action=AuditAction.UPDATE)
    _sql("UPDATE core_auditentry SET actor_label = %s WHERE id = %s", ["someone else", target.pk])
    result = audit.verify()
    assert not result.ok and result.broken_seq == target.seq
    with pytest.raises(CommandError, match=f"#{target.seq}"):
        call_command("audit", "verify")


def test_deleting_an_entry_in_sql_is_caught_and_named(logged):
    middle = AuditEntry.objects.order_by("seq")[1]
    _sql("DELETE FROM core_auditentry WHERE id = %s", [middle.pk])
    result = audit.verify()
    assert not result.ok and result.broken_seq == middle.seq and result.reason == "missing"


def test_deleting_the_last_entry_is_caught(logged):
    last = AuditEntry.objects.order_by("-seq").first()
    _sql("DELETE FROM core_auditentry WHERE id = %s", [last.pk])
    result = audit.verify()
    assert not result.ok and result.broken_seq == last.seq


def test_rehashing_an_edited_entry_breaks_the_next_link(logged):
    first = AuditEntry.objects.order_by("seq").first()
    _sql("UPDATE core_auditentry SET hash = %s WHERE id = %s", ["f" * 64, first.pk])
    assert audit.verify().broken_seq == first.seq


def test_no_change_writes_no_entry(logged):
    count = AuditEntry.objects.count()
    audit.log_update(actor=None, obj=logged, before=audit.snapshot(logged), unit_id=logged.pk)
    assert AuditEntry.objects.count() == count


def test_delete_is_logged_with_the_old_values(tree):
    household = make_household(tree.village_a, "D-1")
    member = Resident.objects.filter(household=household, is_representative=False).get()
    audit.log_delete(actor=None, obj=member, unit_id=tree.village_a.pk)
    entry = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert entry.changes["full_name"] == [member.full_name, None]
