"""Seed throughput: `coso seed --scale nation` on a scratch database created next to
the configured one (DATABASE_URL, else a temporary SQLite file), so it never touches
real data. The command prints its rows per second beside PostgreSQL's own COPY of the
same rows and the projected time for the whole nation. On PostgreSQL the load runs a
second time with the indexes and constraints kept during the load, to show what
building them afterwards saves.

    .venv/bin/python bench/seed.py [--fraction 0.01]
"""

import argparse
import contextlib
from collections.abc import Iterator

from common import scratch_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fraction", default="0.01")
    args = parser.parse_args()

    with scratch_database() as scratch:
        from django.core.management import call_command
        from django.db import connection

        from coso.core import bulk
        from coso.people.models import Household, Resident
        from coso.units.models import COMMUNITY_KINDS, Unit

        print(f"database: {connection.vendor} ({scratch})")
        print("indexes and constraints built after the load (empty tables):")
        call_command("seed", "--scale", "nation", "--fraction", args.fraction)
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            tables = f"{Resident._meta.db_table}, {Household._meta.db_table}"
            cursor.execute(f"TRUNCATE {tables} CASCADE")
        Unit.objects.filter(kind__in=COMMUNITY_KINDS).delete()

        @contextlib.contextmanager
        def kept(*models: object) -> Iterator[bool]:
            yield False

        bulk.indexes_after = kept  # type: ignore[assignment]
        print("\nindexes and constraints kept during the load:")
        call_command("seed", "--scale", "nation", "--fraction", args.fraction)


if __name__ == "__main__":
    main()
