"""What every benchmark shares: a scratch database next to the configured one, and a
best-of timer. Import it before Django is set up."""

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coso.config.settings")
os.environ.setdefault("COSO_VAR_DIR", tempfile.mkdtemp(prefix="coso-bench-"))


@contextlib.contextmanager
def scratch_database() -> Iterator[str]:
    """A migrated, empty database beside DATABASE_URL's (or a temporary SQLite file),
    dropped afterwards: a benchmark never touches real data."""
    import django
    from django.conf import settings

    django.setup()
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(settings.VAR_DIR) / "bench.sqlite3")
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield name
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def best_of(runs: int, func: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `runs` calls, in seconds, and the last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - started)
    return best, result


def analyze() -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
