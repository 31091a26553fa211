"""Loading many generated rows at the database's own bulk speed.

PostgreSQL gets `COPY … FROM STDIN` (psycopg 3's `cursor.copy()`); SQLite gets
`executemany` inside the caller's transaction. Rows are plain tuples in the order of
the `columns` given, with every column the table requires (a Python-side default such
as `blank=True` is not a database default).

Call everything here inside `transaction.atomic()`.
"""

import contextlib
import io
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone


def stamp() -> object:
    """The current time as `write_rows` takes it (created/updated): as text, which
    both databases read and COPY writes without converting it row by row."""
    now = timezone.now()
    if connection.vendor == "postgresql":
        return now.isoformat()
    return connection.ops.adapt_datetimefield_value(now)


def id_block(model: type[Model], count: int) -> range:
    """`count` fresh primary keys for `model`, to write rows that other rows point at;
    `id_block_end` gives back the ones left unused.

    PostgreSQL: the table is locked against other writers until the transaction ends
    (SHARE ROW EXCLUSIVE: reads go on), so no other insert draws from its sequence
    meanwhile, and the sequence moves past the whole block at once. SQLite: counted
    on from the largest id, safe because Coso's SQLite transactions are IMMEDIATE (the
    write lock is held from BEGIN) and the rows of one block are written before the
    next is drawn."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
            first = cursor.fetchone()[0] + 1
            return range(first, first + count)
        cursor.execute(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE')
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
        first = cursor.fetchone()[0]
        if count > 1:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + count - 1]
            )
        return range(first, first + count)


def id_block_end(model: type[Model], unused: int) -> None:
    """Give back the ids of the last block drawn for `model` from `unused` on: the
    sequence starts again there (the block's lock keeps that safe), so ids stay dense.
    SQLite counts from the largest id anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)",
                [model._meta.db_table, unused],
            )


def write_rows(model: type[Model], columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert `rows` (tuples in the order of `columns`) into `model`'s table."""
    table = model._meta.db_table
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


@contextlib.contextmanager
def streaming(model: type[Model], columns: Sequence[str]) -> Iterator[Callable[[tuple], None]]:
    """A function that writes one row (a tuple in the order of `columns`) into
    `model`'s table, for the length of the block. On PostgreSQL it feeds a COPY whose
    data a second thread sends while the caller makes the next rows, so that
    PostgreSQL loads them on another core meanwhile; the connection runs nothing else
    until the block ends. Elsewhere the rows are written when the block ends."""
    if connection.vendor != "postgresql":
        rows: list[tuple] = []
        yield rows.append
        write_rows(model, columns, rows)
        return
    from psycopg.copy import QueuedLibpqWriter

    names = ", ".join(f'"{c}"' for c in columns)
    statement = f'COPY "{model._meta.db_table}" ({names}) FROM STDIN'
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(statement, writer=QueuedLibpqWriter(raw)) as copy:
            yield copy.write_row


# The floor is the best of a few loads: a single one moves by half from run to run on a
# shared machine (a checkpoint, another process), and a floor is what COPY can do.
FLOOR_ROUNDS = 3


def copy_floor(model: type[Model], columns: Sequence[str], rows: Sequence[tuple]) -> float:
    """Seconds PostgreSQL's COPY alone takes, at best, to load `rows` from a buffer
    already in memory into a scratch table shaped like `model`'s (its columns, defaults
    and checks, no index): the floor a loader is measured against. Rolled back."""
    table = model._meta.db_table
    names = ", ".join(f'"{c}"' for c in columns)
    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT copy_floor")
        cursor.execute(
            f'CREATE TABLE "copy_floor" (LIKE "{table}" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)'
        )
        # The rows as COPY's text, encoded beforehand, so only the load is timed.
        with cursor.cursor.copy(f'COPY "copy_floor" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        with cursor.cursor.copy(f'COPY "copy_floor" ({names}) TO STDOUT') as out:
            for block in out:
                buffer.write(block)
        seconds = []
        for _round in range(FLOOR_ROUNDS):
            cursor.execute('TRUNCATE "copy_floor"')
            started = time.perf_counter()
            with cursor.cursor.copy(f'COPY "copy_floor" ({names}) FROM STDIN') as copy:
                copy.write(buffer.getvalue())
            seconds.append(time.perf_counter() - started)
        cursor.execute("ROLLBACK TO SAVEPOINT copy_floor")
    return min(seconds)


@contextlib.contextmanager
def indexes_after(*models: type[Model]) -> Iterator[bool]:
    """On PostgreSQL, when every table of `models` is empty: drop their secondary
    indexes, unique and foreign-key constraints, and build them again once over all
    the rows when the block ends (one sort per index instead of one insertion per
    row, one join per foreign key instead of a deferred check per row). Yields whether
    it did. The primary keys stay, so other tables' foreign keys are untouched; a
    failure rolls the whole transaction back, indexes included.

    Elsewhere, or with rows already there (rebuilding their indexes would cost more
    than the load saves, and the tables would be locked meanwhile), nothing changes."""
    if connection.vendor != "postgresql" or any(m._default_manager.exists() for m in models):
        yield False
        return
    tables = [m._meta.db_table for m in models]
    rebuild: list[str] = []
    with connection.cursor() as cursor:
        # A foreign key cannot be dropped while checks deferred to the commit wait on
        # its tables (rows written earlier in this transaction): run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in tables:
            cursor.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
            rebuild += _drop_secondary(cursor, table)
    yield True
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for statement in rebuild:
            cursor.execute(statement)
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')
        # Back to Django's own: every deferrable constraint it makes is initially deferred.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _drop_secondary(cursor: Any, table: str) -> list[str]:
    """Drop `table`'s foreign keys, unique constraints and plain indexes; return the
    statements that create them again (foreign keys last, once the indexes are back)."""
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype DESC",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index x"
        " JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = %s::regclass"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid"
        " AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x'))",
        [table],
    )
    indexes = cursor.fetchall()
    for name, _kind, _definition in constraints:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    unique = [
        f'ALTER TABLE "{table}" ADD CONSTRAINT "{n}" {d}' for n, k, d in constraints if k == "u"
    ]
    foreign = [
        f'ALTER TABLE "{table}" ADD CONSTRAINT "{n}" {d}' for n, k, d in constraints if k == "f"
    ]
    return unique + [definition for _name, definition in indexes] + foreign
