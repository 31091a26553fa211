import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from coso.core import audit
from coso.core.models import AuditAction, AuditEntry
from coso.people.models import Resident
from coso.people.tests.factories import make_household
from coso.units.services import unit_create


@pytest.fixture(autouse=True)
def _a_known_day(time_machine):
    # The log starts a signed checkpoint each day: the tests choose the day.
    import datetime as dt

    time_machine.move_to(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=True)


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


def _rewrite_whole_chain(change_entry_seq: int, *, sign_with: str | None = None) -> None:
    """What someone with write access to the database (and nothing else) can do: change
    one entry, recompute every later hash, move the head — and, with a key of their
    own, re-sign every entry and day."""
    from coso.core.models import AuditCheckpoint, AuditHead

    prev = audit.GENESIS_HASH
    for entry in AuditEntry.objects.order_by("seq"):
        if entry.seq == change_entry_seq:
            entry.actor_label = "someone-else"
        entry.prev_hash = prev
        entry.hash = prev = audit.entry_hash(entry)
        if sign_with:
            entry.mac = audit.sign(entry.hash, sign_with)
        _sql(
            "UPDATE core_auditentry SET actor_label = %s, prev_hash = %s, hash = %s, mac = %s "
            "WHERE seq = %s",
            [entry.actor_label, entry.prev_hash, entry.hash, entry.mac, entry.seq],
        )
    head = AuditHead.objects.get(pk=1)
    _sql("UPDATE core_audithead SET hash = %s WHERE id = %s", [prev, head.pk])
    if sign_with:
        for checkpoint in AuditCheckpoint.objects.all():
            message = f"{checkpoint.day.isoformat()}:{checkpoint.seq}:{checkpoint.hash}"
            _sql(
                "UPDATE core_auditcheckpoint SET mac = %s WHERE id = %s",
                [audit.sign(message, sign_with), checkpoint.pk],
            )


def test_a_chain_rewritten_inside_the_database_fails_verification(logged):
    assert audit.verify().ok
    _rewrite_whole_chain(2)
    result = audit.verify()
    assert not result.ok and result.broken_seq == 2 and result.reason == "signature"
    with pytest.raises(CommandError, match="chữ ký không khớp"):
        call_command("audit", "verify")


def test_re_signing_without_the_key_fails_too(logged):
    _rewrite_whole_chain(1, sign_with="a key the forger made up")
    result = audit.verify()
    # The day's signed head is checked first, then the entry's own signature.
    assert not result.ok and result.broken_seq == 1
    assert result.reason in ("checkpoint", "signature")


def test_each_days_head_is_kept_signed_and_public(client, logged, time_machine):
    import datetime as dt

    from coso.core.models import AuditCheckpoint

    time_machine.move_to(dt.datetime(2026, 11, 26, 2, tzinfo=dt.UTC), tick=False)
    head_before = AuditEntry.objects.order_by("-seq").first()
    make_household(logged, "X-2")  # the first entry of a new day
    checkpoint = AuditCheckpoint.objects.get(day=dt.date(2026, 11, 26))
    assert (checkpoint.seq, checkpoint.hash) == (head_before.seq, head_before.hash)
    page = client.get("/audit/").content.decode()
    assert checkpoint.hash in page and "26/11/2026" in page
    assert audit.verify().ok
    # A rewritten past that even matches a new signature cannot match the published head.
    _sql("UPDATE core_auditcheckpoint SET hash = %s WHERE id = %s", ["f" * 64, checkpoint.pk])
    assert audit.verify().reason == "checkpoint"


def test_older_entries_verify_after_the_key_is_rotated(logged, settings):
    settings.AUDIT_KEYS = ["a newer key", *settings.AUDIT_KEYS]
    make_household(logged, "X-3")
    newest = AuditEntry.objects.order_by("-seq").first()
    assert newest.mac.startswith(audit.sign("x", "a newer key").split(":")[0])
    assert audit.verify().ok
    settings.AUDIT_KEYS = ["a newer key"]  # the old key thrown away: old entries fail
    assert not audit.verify().ok
