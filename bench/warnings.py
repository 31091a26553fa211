"""The daily warnings scan over the nation: 3,321 communes' maintained figures (inserted
directly), the first scan (opening the warnings), then the daily rescan (nothing new),
beside the floor — the same checks written by hand in SQL on the same tables, and the
read of the warnings open — with the ratio.

    .venv/bin/python bench/warnings.py [--runs 5]
"""

import argparse
import datetime as dt
import random
import time

from common import analyze, best_of, scratch_database

# The figures each commune gets for the year (a share of communes breaks each rule).
FIGURES = {
    "dialogues.communes_required": (1, 1),
    "dialogues.communes_met": (0, 1),
    "disclosures.categories_missing": (0, 3),
    "petitions.open": (0, 40),
    "petitions.overdue": (0, 8),
    "reception.periods_required": (40, 40),
    "reception.periods_held": (20, 40),
    "decisions.quorum_missing": (0, 1),
    "pib.overdue": (0, 1),
}
COLUMN = "SUM(CASE WHEN indicator = %s THEN value ELSE 0 END)"
FLOOR_AT_LEAST = (
    f"SELECT unit_id, province_id, {COLUMN} AS n FROM reports_indicatorvalue"
    " WHERE period = %s AND indicator = %s GROUP BY unit_id, province_id"
    f" HAVING {COLUMN} >= %s"
)
FLOOR_SHARE = (
    f"SELECT unit_id, province_id, {COLUMN} AS part, {COLUMN} AS whole"
    " FROM reports_indicatorvalue WHERE period = %s AND indicator IN (%s, %s)"
    f" GROUP BY unit_id, province_id HAVING {COLUMN} >= %s AND {COLUMN} * %s {{op}} {COLUMN} * %s"
)
FLOOR_OPEN = (
    "SELECT id, unit_id, rule, key, closed_on FROM alerts_warning"
    " WHERE rule LIKE 'warning.%%' AND closed_on IS NULL"
)


def seed(year: str) -> int:
    from django.db import connection

    from coso.units.models import Unit, UnitKind

    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE).values_list("pk", "path"))
    provinces = dict(Unit.objects.filter(kind=UnitKind.PROVINCE).values_list("code", "pk"))
    rng = random.Random(21)
    rows = [
        (pk, path, provinces[path.strip("/").split("/")[0]], year, code, rng.randint(*bounds))
        for pk, path in communes
        for code, bounds in FIGURES.items()
    ]
    rows = [r for r in rows if r[-1]]  # zeros are not kept
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO reports_indicatorvalue (unit_id, path, province_id, period, indicator,"
            " value, updated_at) VALUES (%s, %s, %s, %s, %s, %s, CURRENT_TIMESTAMP)",
            rows,
        )
    return len(rows)


def floor(year: str) -> int:
    """The figure checks and the read of the open warnings, by hand: rows found."""
    from django.db import connection

    from coso.alerts import checks
    from coso.rules.services import rule_in_force

    found = 0
    with connection.cursor() as cursor:
        for code in checks.CODES:
            value = rule_in_force(code).value
            if value["test"] == "at_least":
                f = value["figure"]
                cursor.execute(FLOOR_AT_LEAST, [f, year, f, f, value["min"]])
            elif value["test"] in ("share_above", "share_below"):
                part, whole = value["part"], value["whole"]
                op = ">" if value["test"] == "share_above" else "<"
                cursor.execute(
                    FLOOR_SHARE.format(op=op),
                    [part, whole, year, part, whole, whole, value["min_whole"], part,
                     value["denominator"], whole, value["numerator"]],
                )  # fmt: skip
            else:
                continue  # reports and hotspots: nothing seeded for them here
            found += len(cursor.fetchall())
        cursor.execute(FLOOR_OPEN)
        cursor.fetchall()
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with scratch_database() as scratch:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from coso.alerts.models import Warning
        from coso.alerts.services import warnings_scan
        from coso.units.models import Unit
        from coso.units.services import units_import_national

        units_import_national()
        today = dt.date(timezone.localdate().year, 10, 5)  # every rule's day has come
        year = str(today.year)
        rows = seed(year)
        analyze()
        communes = Unit.objects.filter(kind="commune").count()
        print(f"database: {connection.vendor} ({scratch}); {communes:,} communes, {rows:,} figures")
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as first:
            opened = warnings_scan(today=today)
        first_s = time.perf_counter() - started
        print(
            f"first scan: {first_s * 1000:.0f} ms, {len(first)} queries, "
            f"{opened.opened:,} warnings opened"
        )
        with CaptureQueriesContext(connection) as again:
            rescan_s, scan = best_of(args.runs, lambda: warnings_scan(today=today))
        assert scan.opened == 0 and scan.closed == 0
        floor_s, found = best_of(args.runs, lambda: floor(year))
        print(
            f"daily rescan: {rescan_s * 1000:.0f} ms ({len(again) // args.runs} queries), "
            f"{Warning.objects.filter(closed_on__isnull=True).count():,} open"
        )
        print(f"floor (hand-written SQL, the same checks): {floor_s * 1000:.0f} ms, {found:,} rows")
        print(f"ratio rescan / floor: {rescan_s / floor_s:.1f}")


if __name__ == "__main__":
    main()
