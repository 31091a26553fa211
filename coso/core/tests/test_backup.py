"""`coso backup` and `coso restore`: a round trip into an empty database keeps every row
to the microsecond (the audit chain verifies), every file, and a tampered backup is refused.

Runs on the configured database (the suite runs on SQLite, then on PostgreSQL); the
restore target is a scratch database of the test's own, created and dropped here.
"""

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from coso.core import backup
from coso.core.models import AuditEntry
from coso.disclosures.models import Attachment
from coso.disclosures.services import DisclosureData, disclosure_publish

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
# Microseconds that dumpdata/loaddata would cut (it keeps milliseconds): the chain's
# hashes cover them, so a lossy copy fails `coso audit verify`.
AT = dt.datetime(2026, 11, 23, 9, 0, 0, 123457, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def seeded(tree, official_a, time_machine):
    time_machine.move_to(AT, tick=False)
    disclosure_publish(
        actor=official_a,
        unit=tree.a,
        data=DisclosureData(
            category="1",
            title="Kế hoạch phát triển kinh tế - xã hội năm 2027",
            body="Toàn văn kế hoạch",
            channels=["notice_board"],
            posted_on=dt.date(2026, 11, 2),
            files=[SimpleUploadedFile("ke-hoach.pdf", PDF)],
        ),
    )
    assert AuditEntry.objects.filter(at=AT).exists()
    return Attachment.objects.get().file.name


@contextmanager
def scratch_database(tmp_path):
    """Point the default connection at a new, empty database of this test's own."""
    original = connections["default"]
    settings = original.settings_dict
    if connection.vendor == "postgresql":
        name = f"{settings['NAME']}_restore"
        with original.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    else:
        name = str(tmp_path / "restored.sqlite3")
    swapped = original.__class__({**settings, "NAME": name}, "default")
    connections["default"] = swapped
    try:
        yield swapped
    finally:
        swapped.close()
        connections["default"] = original
        if connection.vendor == "postgresql":
            with original.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def tamper(directory, target):
    """Change one row in the backup's database copy, leaving its manifest as it was."""
    sql = "UPDATE disclosures_disclosure SET title = 'Kế hoạch đã bị sửa'"
    if connection.vendor == "postgresql":
        # The dump is compressed: change the row in a restored copy and dump that.
        with target.cursor() as cursor:
            cursor.execute(sql)
        backup._pg_dump(directory / "database.dump")
    else:
        with sqlite3.connect(directory / "database.sqlite3") as copy:
            copy.execute(sql)
        copy.close()


@pytest.fixture(autouse=True)
def _pg_tools():
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")


def test_round_trip_keeps_every_row_and_file_and_refuses_a_tampered_backup(
    seeded, tmp_path, settings, capsys
):
    directory = tmp_path / "backup"
    call_command("backup", str(directory))
    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["tables"]["core_auditentry"]["rows"] == AuditEntry.objects.count() > 0
    assert set(manifest["files"]) == {seeded}
    media = tmp_path / "media"
    shutil.rmtree(media)  # the restore brings the file back

    with scratch_database(tmp_path) as target:
        assert target.introspection.table_names() == []
        call_command("restore", str(directory))
        call_command("audit", "verify")
        assert "Nhật ký nguyên vẹn" in capsys.readouterr().out
        restored = backup._table_sums(target)
        assert restored == manifest["tables"]
        assert AuditEntry.objects.filter(at=AT).exists()
        assert (media / seeded).read_bytes() == PDF

        with pytest.raises(CommandError, match="không trống"):
            call_command("restore", str(directory))
        tamper(directory, target)
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(directory), "--force")
    assert "tables disclosures_disclosure: sao lưu" in str(refused.value)
    assert "core_auditentry" not in str(refused.value)


def test_a_changed_file_is_named(seeded, tmp_path):
    directory = tmp_path / "backup"
    manifest = backup.backup(directory)
    changed = PDF + b"%%EOF"
    (directory / "media" / seeded).write_bytes(changed)
    with scratch_database(tmp_path), pytest.raises(backup.BackupError) as refused:
        backup.restore(directory)
    assert str(refused.value).splitlines()[1:] == [
        f"files {seeded}: sao lưu {manifest['files'][seeded]} "
        f"≠ khôi phục {hashlib.sha256(changed).hexdigest()}"
    ]


def test_backup_refuses_a_directory_in_use(seeded, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "something").write_text("x")
    with pytest.raises(backup.BackupError, match="không trống"):
        backup.backup(tmp_path / "backup")
