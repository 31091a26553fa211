"""Writes in different provinces do not wait for each other's audit head: while one
transaction holds province A's head (it has written in A and not committed yet), a
write in province B commits at once and a write in A waits. On PostgreSQL, each on its
own connection; `lock_timeout` makes a write that waits fail at once instead of hanging
the test."""

import threading

import pytest
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext

from coso.core import audit
from coso.units.models import Unit
from coso.units.services import unit_create
from coso.units.tests.factories import commune, province

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="SQLite takes one writer at a time: only PostgreSQL lets writes run together",
    ),
]


def _write(parent: Unit, code: str, *, lock_timeout: str = "5s") -> None:
    """A real write (a village created, with its audit entry) that gives up if it has to
    wait for a lock longer than `lock_timeout`."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [lock_timeout])
        unit_create(actor=None, parent=parent, code=code, name=f"Bản {code}", kind="village")


def _hold_head(parent: Unit, locked: threading.Event, release: threading.Event) -> None:
    """Write in `parent`'s province and keep the transaction open (and with it whatever
    lock the audit log takes for that province) until `release`."""
    try:
        with transaction.atomic():
            _write(parent, "A-0")
            locked.set()
            release.wait(timeout=60)
    finally:
        connection.close()


def test_a_write_in_one_province_does_not_wait_for_anothers_audit_head(tree):
    other = province("Điện Biên")
    commune_b = commune(other, "Xã Mường Phăng")
    _write(tree.a, "A-1")  # both provinces' chains opened
    _write(commune_b, "B-1")
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_head, args=(tree.a, locked, release))
    holder.start()
    try:
        assert locked.wait(timeout=30), "the holder never wrote in province A"
        _write(commune_b, "B-2")  # would raise if it waited for province A's head
        with (
            CaptureQueriesContext(connection) as queries,
            pytest.raises(OperationalError, match="lock timeout"),
        ):
            _write(tree.a, "A-2", lock_timeout="300ms")
        # The statement that waited: the last one before the rollbacks.
        sqls = [q["sql"] for q in queries.captured_queries]
        waited_on = next(q for q in reversed(sqls) if not q.startswith(("ROLLBACK", "RELEASE")))
        assert "core_audithead" in waited_on and "FOR UPDATE" in waited_on
        assert holder.is_alive()  # the lock was held all along
    finally:
        release.set()
        holder.join(timeout=30)
    _write(tree.a, "A-2")  # once released, province A's write goes through
    written = Unit.objects.filter(code__in=["A-0", "A-2", "B-2"]).values_list("code", flat=True)
    assert set(written) == {"A-0", "A-2", "B-2"}
    assert audit.verify().ok
