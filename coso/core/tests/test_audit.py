import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from coso.core import audit
from coso.core.models import NATIONAL_CHAIN, AuditAction, AuditCheckpoint, AuditEntry, AuditHead
from coso.people.models import Resident
from coso.people.tests.factories import make_household
from coso.units.services import unit_create
from coso.units.tests.factories import province


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


def _chain(chain):
    return list(AuditEntry.objects.filter(chain=chain).order_by("seq"))


def test_entries_record_who_what_and_before_after(logged, official_a):
    update = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert update.actor_id == official_a.pk and update.actor_label == "official_a"
    assert update.model == "units.unit" and update.object_pk == str(logged.pk)
    assert update.changes["name"] == ["Bản Mới", "Bản Mới Đổi"]
    for chain in AuditHead.objects.values_list("chain", flat=True):
        seqs = [e.seq for e in _chain(chain)]
        assert seqs == list(range(1, len(seqs) + 1))


def test_each_entry_carries_the_previous_hash_in_its_chain(logged):
    for chain in AuditHead.objects.values_list("chain", flat=True):
        entries = _chain(chain)
        assert entries[0].prev_hash == audit.GENESIS_HASH
        for before, after in zip(entries, entries[1:], strict=False):
            assert after.prev_hash == before.hash


def test_an_entry_goes_to_the_chain_of_its_units_province(tree, logged):
    """A village's, a commune's and a province's entries go to the province's chain; an
    entry with no unit to the national one, which also records the province's chain
    being opened."""
    other = province("Điện Biên")
    units = {"village": logged, "commune": tree.a, "province": tree.province, "other": other}
    for name, unit in units.items():
        audit.log_event(actor=None, model="x", object_pk=name, unit_id=unit.pk, changes={})
    audit.log_event(actor=None, model="rules.rule", object_pk="1", unit_id=None, changes={})
    chains = dict(AuditEntry.objects.filter(model="x").values_list("object_pk", "chain"))
    assert chains == {
        "village": tree.province.pk,
        "commune": tree.province.pk,
        "province": tree.province.pk,
        "other": other.pk,
    }
    national = _chain(NATIONAL_CHAIN)
    assert [(e.model, e.object_pk) for e in national] == [
        (audit.CHAIN_MODEL, str(tree.province.pk)),
        (audit.CHAIN_MODEL, str(other.pk)),
        ("rules.rule", "1"),
    ]
    assert audit.verify().ok and audit.verify().chains == 3


def test_the_national_chain_hashes_as_the_single_log_did():
    """Entries written before there were chains are kept as the national chain: its hash
    is the very one they were signed with (the payload as it was, no chain in it)."""
    import datetime as dt
    import hashlib
    import json

    entry = AuditEntry(
        chain=NATIONAL_CHAIN, seq=7, at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC), actor_id=3,
        actor_label="a", action="update", model="units.unit", object_pk="5", unit_id=5,
        changes={"name": ["x", "y"]}, prev_hash="a" * 64,
    )  # fmt: skip
    before_chains = [
        entry.prev_hash, 7, "2026-01-02T00:00:00.000000+00:00", 3, "a", "update",
        "units.unit", "5", 5, {"name": ["x", "y"]},
    ]  # fmt: skip
    text = json.dumps(before_chains, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert audit.entry_hash(entry) == hashlib.sha256(text.encode()).hexdigest()
    entry.chain = 5
    assert audit.entry_hash(entry) != hashlib.sha256(text.encode()).hexdigest()


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


def _rewrite_whole_chain(chain: int, change_entry_seq: int, *, sign_with: str = "") -> None:
    """What someone with write access to the database (and nothing else) can do: change
    one entry of a chain, recompute every later hash, move the head — and, with a key of
    their own, re-sign every entry and day."""
    prev = audit.GENESIS_HASH
    for entry in _chain(chain):
        if entry.seq == change_entry_seq:
            entry.actor_label = "someone-else"
        entry.prev_hash = prev
        entry.hash = prev = audit.entry_hash(entry)
        if sign_with:
            entry.mac = audit.sign(entry.hash, sign_with)
        _sql(
            "UPDATE core_auditentry SET actor_label = %s, prev_hash = %s, hash = %s, mac = %s "
            "WHERE id = %s",
            [entry.actor_label, entry.prev_hash, entry.hash, entry.mac, entry.pk],
        )
    _sql("UPDATE core_audithead SET hash = %s WHERE chain = %s", [prev, chain])
    if sign_with:
        for checkpoint in AuditCheckpoint.objects.filter(chain=chain):
            message = f"{checkpoint.day.isoformat()}:{checkpoint.seq}:{checkpoint.hash}"
            _sql(
                "UPDATE core_auditcheckpoint SET mac = %s WHERE id = %s",
                [audit.sign(message, sign_with), checkpoint.pk],
            )


@pytest.mark.parametrize("which", ["province", "national"])
def test_a_chain_rewritten_inside_the_database_fails_verification(tree, logged, which):
    chain = tree.province.pk if which == "province" else NATIONAL_CHAIN
    assert audit.verify().ok
    _rewrite_whole_chain(chain, 1)
    result = audit.verify()
    assert not result.ok and (result.chain, result.broken_seq) == (chain, 1)
    assert result.reason == "signature"
    name = "Lai Châu" if which == "province" else "toàn quốc"
    with pytest.raises(CommandError, match=rf"chuỗi {chain} \({name}\) tại dòng #1: chữ ký"):
        call_command("audit", "verify")


def test_re_signing_without_the_key_fails_too(tree, logged):
    _rewrite_whole_chain(tree.province.pk, 2, sign_with="a key the forger made up")
    result = audit.verify()
    # The day's signed head is checked first, then the entry's own signature.
    assert not result.ok and (result.chain, result.broken_seq) == (tree.province.pk, 1)
    assert result.reason in ("checkpoint", "signature")


def test_a_province_chain_deleted_whole_is_caught(tree, logged):
    """Entries, head and checkpoints of a province gone: the national chain still says
    the chain was opened."""
    for table in ("core_auditentry", "core_audithead", "core_auditcheckpoint"):
        _sql(f"DELETE FROM {table} WHERE chain = %s", [tree.province.pk])  # noqa: S608
    result = audit.verify()
    assert not result.ok and result.chain == tree.province.pk and result.reason == "missing"


def test_a_chain_renamed_inside_the_database_is_caught(tree, logged):
    """A province's chain moved whole to another id: the chain the national chain opened
    is gone, and the new one was never opened. The new id is past every province's (a
    long run on PostgreSQL makes ids in the thousands): the check reaches the gap first."""
    elsewhere = tree.province.pk + 1_000_000
    _sql("UPDATE core_auditentry SET chain = %s WHERE chain = %s", [elsewhere, tree.province.pk])
    _sql("UPDATE core_audithead SET chain = %s WHERE chain = %s", [elsewhere, tree.province.pk])
    result = audit.verify()
    assert not result.ok and result.chain == tree.province.pk and result.reason == "missing"
    national = AuditEntry.objects.get(chain=NATIONAL_CHAIN, model=audit.CHAIN_MODEL)
    _sql("DELETE FROM core_auditentry WHERE id = %s", [national.pk])
    assert audit.verify().reason == "missing"  # the national chain itself is now short


def test_a_chain_nobody_opened_is_caught(logged):
    AuditHead.objects.create(chain=999)
    result = audit.verify()
    assert (result.ok, result.chain, result.reason) == (False, 999, "not opened")
    with pytest.raises(CommandError, match="chuỗi 999 .* không được mở"):
        call_command("audit", "verify")


def test_an_entry_moved_to_another_chain_is_caught(tree, logged):
    other = province("Điện Biên")
    audit.log_event(actor=None, model="units.unit", object_pk="1", unit_id=other.pk, changes={})
    first = _chain(tree.province.pk)[0]
    _sql("UPDATE core_auditentry SET chain = %s, seq = %s WHERE id = %s", [other.pk, 2, first.pk])
    _sql("UPDATE core_audithead SET seq = 2, hash = %s WHERE chain = %s", [first.hash, other.pk])
    result = audit.verify()
    assert not result.ok and result.chain == tree.province.pk


def test_each_days_head_is_kept_signed_and_public(client, tree, logged, time_machine):
    import datetime as dt

    time_machine.move_to(dt.datetime(2026, 11, 26, 2, tzinfo=dt.UTC), tick=False)
    head_before = _chain(tree.province.pk)[-1]
    make_household(logged, "X-2")  # the first entry of a new day
    checkpoint = AuditCheckpoint.objects.get(day=dt.date(2026, 11, 26))
    assert checkpoint.chain == tree.province.pk
    assert (checkpoint.seq, checkpoint.hash) == (head_before.seq, head_before.hash)
    page = client.get("/audit/").content.decode()
    assert checkpoint.hash in page and "26/11/2026" in page and "Lai Châu" in page
    assert audit.verify().ok
    # A rewritten past that even matches a new signature cannot match the published head.
    _sql("UPDATE core_auditcheckpoint SET hash = %s WHERE id = %s", ["f" * 64, checkpoint.pk])
    assert audit.verify().reason == "checkpoint"


def test_older_entries_verify_after_the_key_is_rotated(logged, settings):
    settings.AUDIT_KEYS = ["a newer key", *settings.AUDIT_KEYS]
    make_household(logged, "X-3")
    newest = AuditEntry.objects.order_by("-id").first()
    assert newest.mac.startswith(audit.sign("x", "a newer key").split(":")[0])
    assert audit.verify().ok
    settings.AUDIT_KEYS = ["a newer key"]  # the old key thrown away: old entries fail
    assert not audit.verify().ok
