"""Backup and restore of a whole Coso: the database, the uploaded files and a manifest.

The database is copied exactly — `pg_dump` (custom format) on PostgreSQL, SQLite's online
backup API on SQLite — never through Django's serialisers, which cut timestamps to
milliseconds and so break every audit entry's hash. The manifest holds each table's row
count and a checksum of its rows in primary-key order, and each file's checksum; `restore`
recomputes it from what it restored and names every difference.

The keys that the database does not hold (COSO_FIELD_KEYS, COSO_AUDIT_KEYS) are not in a
backup: they are kept apart, so that a stolen backup reveals no denouncer and cannot
re-sign the audit log.
"""

import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
FETCH = 2000


class BackupError(Exception):
    """A backup or restore that cannot go on, or a restore that does not match its manifest."""


Manifest = dict[str, Any]


def backup(directory: Path) -> Manifest:
    """Copy the database and the uploaded files into `directory` (new or empty) and write
    the manifest last: a directory without one is an unfinished backup."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise BackupError(f"{directory} không trống.")
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Không sao lưu được cơ sở dữ liệu {vendor}.")
    dump = directory / DUMPS[vendor]
    tables = _pg_dump(dump) if vendor == "postgresql" else _sqlite_copy(dump)
    manifest = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "engine": vendor,
        "database": dump.name,
        "tables": tables,
        "files": _copy_files(default_storage, directory / MEDIA),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def restore(directory: Path, *, force: bool = False) -> Manifest:
    """Restore `directory` into the configured database (empty unless `force`) and
    storage, then recompute the manifest; BackupError lists every difference."""
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(
            f"{directory} không có {MANIFEST}: bản sao lưu chưa xong hoặc sai thư mục."
        )
    manifest: Manifest = json.loads(manifest_path.read_text())
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"Bản sao lưu của {manifest['engine']}, cơ sở dữ liệu đích là {connection.vendor}."
        )
    existing = connection.introspection.table_names()
    if existing and not force:
        raise BackupError("Cơ sở dữ liệu đích không trống (dùng --force để ghi đè).")
    dump = directory / manifest["database"]
    if connection.vendor == "postgresql":
        _pg_restore(dump, drop=existing)
    else:
        _sqlite_restore(dump)
    _restore_files(default_storage, directory / MEDIA, manifest["files"])
    restored = {
        "tables": _table_sums(connection),
        "files": {name: _storage_sum(default_storage, name) for name in manifest["files"]},
    }
    problems = differences(manifest, restored)
    if problems:
        raise BackupError("Bản khôi phục khác bản sao lưu:\n" + "\n".join(problems))
    return manifest


def differences(expected: Manifest, actual: Manifest) -> list[str]:
    """One line per table or file whose count or checksum differs, or that one side lacks."""
    lines = []
    for kind in ("tables", "files"):
        for name in sorted(set(expected[kind]) | set(actual[kind])):
            want, got = expected[kind].get(name), actual[kind].get(name)
            if want != got:
                lines.append(f"{kind} {name}: sao lưu {want} ≠ khôi phục {got}")
    return lines


# The manifest's checksums.


def _table_sums(db: BaseDatabaseWrapper) -> dict[str, dict[str, Any]]:
    """Every table's row count and SHA-256 over its rows in primary-key order, streamed
    (a server-side cursor on PostgreSQL), in one snapshot of the database."""
    with _snapshot(db):
        with db.cursor() as cursor:
            tables = db.introspection.table_names(cursor)
            keys = {t: db.introspection.get_primary_key_columns(cursor, t) for t in tables}
        return {table: _table_sum(db, table, keys[table] or []) for table in tables}


def _table_sum(db: BaseDatabaseWrapper, table: str, key: list[str]) -> dict[str, Any]:
    quote = db.ops.quote_name
    if db.vendor == "postgresql":
        # The row's own text form, hashed by the server: one short string per row.
        order = ", ".join(quote(c) for c in key) or "1"
        sql = f"SELECT md5(coso_row::text) FROM {quote(table)} AS coso_row ORDER BY {order}"
    else:
        order = ", ".join(quote(c) for c in key) or "rowid"
        sql = f"SELECT * FROM {quote(table)} ORDER BY {order}"
    digest, rows = hashlib.sha256(), 0
    with db.chunked_cursor() as cursor:
        cursor.execute(sql)
        while batch := cursor.fetchmany(FETCH):
            rows += len(batch)
            for row in batch:
                digest.update(repr(tuple(row)).encode() + b"\n")
    return {"rows": rows, "sha256": digest.hexdigest()}


@contextmanager
def _snapshot(db: BaseDatabaseWrapper) -> Iterator[None]:
    """On PostgreSQL, one consistent view of the database for as long as the block runs,
    writing nothing (or the caller's, when it opened one). SQLite needs none: checksums
    are read from a backup copy, or from a restored database nothing else writes."""
    if db.vendor != "postgresql" or db.in_atomic_block:
        yield
        return
    with transaction.atomic(using=db.alias):
        with db.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


# PostgreSQL: pg_dump and pg_restore.


def _pg_command(program: str, *args: str) -> None:
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ]:
        if settings.get(key):
            env[variable] = str(settings[key])
    done = subprocess.run(
        [program, *args, f"--dbname={settings['NAME']}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise BackupError(f"{program} thất bại: {done.stderr.strip()}")


def _pg_dump(path: Path) -> dict[str, dict[str, Any]]:
    """Dump the database as the manifest sees it: pg_dump reads the snapshot that this
    transaction exports, so rows written meanwhile are in neither."""
    with _snapshot(connection):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        _pg_command("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}")
        return _table_sums(connection)


def _pg_restore(path: Path, *, drop: list[str]) -> None:
    """Restore in one transaction; with --force, first drop the tables there and let
    pg_restore replace every other object the dump holds."""
    if drop:
        with connection.cursor() as cursor:
            quote = connection.ops.quote_name
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(map(quote, drop))} CASCADE")
    connection.close()
    options = ["--clean", "--if-exists"] if drop else []
    _pg_command(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        *options,
        str(path),
    )


# SQLite: the online backup API, page by page.


def _sqlite_copy(path: Path) -> dict[str, dict[str, Any]]:
    """Copy the live database in one step (a consistent snapshot; in WAL mode writers go
    on meanwhile), then compute the manifest from the copy itself."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    live = connections[DEFAULT_DB_ALIAS]
    copy = type(live)({**live.settings_dict, "NAME": str(path)}, alias="backup")
    try:
        return _table_sums(copy)
    finally:
        copy.close()


def _sqlite_restore(path: Path) -> None:
    """Overwrite the configured database with the copy, page by page."""
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# Uploaded files, through Django's storage API (local disk or a shared backend).


def _stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    if not folder and not storage.exists(""):
        return
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _stored_names(storage, f"{folder}/{sub}" if folder else sub)


def _copy_files(storage: Storage, target: Path) -> dict[str, str]:
    sums = {}
    for name in _stored_names(storage):
        digest = hashlib.sha256()
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, (target / name).open("wb") as out:
            for chunk in source.chunks():
                digest.update(chunk)
                out.write(chunk)
        sums[name] = digest.hexdigest()
    return sums


def _restore_files(storage: Storage, source: Path, names: dict[str, str]) -> None:
    for name in names:
        if storage.exists(name):
            storage.delete(name)
        with (source / name).open("rb") as content:
            saved = storage.save(name, File(content))
        if saved != name:
            raise BackupError(f"Tệp {name} được lưu thành {saved}.")


def _storage_sum(storage: Storage, name: str) -> str | None:
    if not storage.exists(name):
        return None
    digest = hashlib.sha256()
    with storage.open(name, "rb") as content:
        for chunk in content.chunks():
            digest.update(chunk)
    return digest.hexdigest()
