"""Run state changes at the same moment, each on its own database connection, to show
that of two changes made at once exactly one wins."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Each call's result, or the exception it raised, in the order given.

    On PostgreSQL each call runs in its own thread (its own connection), all released
    together by a barrier once they have read what they act on: the race is real, and
    the database decides it. SQLite takes one writer at a time (and its in-memory test
    database does not take two): there the calls run one after the other, which still
    shows that the one that comes second, acting on what it read before, is refused.
    Use in a test marked `django_db(transaction=True, serialized_rollback=True)`, so the
    threads see the test's data.
    """
    outcomes: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any], barrier: threading.Barrier | None) -> None:
        try:
            if barrier is not None:
                barrier.wait(timeout=30)
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
            outcomes[index] = error
        finally:
            if barrier is not None:
                connection.close()

    if connection.vendor == "sqlite":
        for index, call in enumerate(calls):
            run(index, call, None)
        return outcomes
    barrier = threading.Barrier(len(calls))
    threads = [
        threading.Thread(target=run, args=(index, call, barrier))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a change never finished"
    return outcomes
