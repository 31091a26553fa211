"""Seed throughput: `coso seed`'s path against hand-written SQL on the same database.

Runs on a scratch database created next to the configured one (DATABASE_URL, else a
temporary SQLite file), so it never touches real data. Prints rows per second for the
application's seed and for plain `executemany` INSERTs of the same rows, and the ratio.

    .venv/bin/python bench/seed.py [--communes 60] [--villages 5] [--households 40]
"""

import argparse
import datetime as dt
import time

from common import scratch_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=60)
    parser.add_argument("--villages", type=int, default=5)
    parser.add_argument("--households", type=int, default=40)
    args = parser.parse_args()

    with scratch_database() as scratch:
        from django.db import connection, transaction

        from coso.people.models import Household, Resident
        from coso.people.seed import SeedSize, seed_communes
        from coso.units.models import Unit, UnitKind
        from coso.units.services import units_import_national

        units_import_national()
        communes = list(
            Unit.objects.filter(kind=UnitKind.COMMUNE).order_by("code")[: args.communes]
        )
        started = time.perf_counter()
        counts = seed_communes(communes=communes, size=SeedSize(args.villages, args.households))
        app_seconds = time.perf_counter() - started
        app_rate = counts.rows / app_seconds

        # The same number of households and residents, inserted by hand-written SQL.
        villages = list(Unit.objects.filter(parent__in=communes).values_list("id", flat=True))
        province_id = Unit.objects.get(code=communes[0].path.strip("/").split("/")[0]).pk
        per_household = counts.residents / counts.households
        now = dt.datetime.now(dt.UTC)
        hh_table, r_table = Household._meta.db_table, Resident._meta.db_table
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            rows = [
                (villages[i % len(villages)], province_id, f"RAW-{i}", "", now, now)
                for i in range(counts.households)
            ]
            cursor.executemany(
                f"INSERT INTO {hh_table} (village_id, province_id, code, address, created_at, updated_at)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                rows,
            )
            cursor.execute(f"SELECT id FROM {hh_table} WHERE code LIKE 'RAW-%%' ORDER BY id")
            ids = [row[0] for row in cursor.fetchall()]
            members = [
                (
                    hid,
                    province_id,
                    "Nguyễn Văn A",
                    "M",
                    dt.date(1980, 1, 1),
                    None,
                    "head",
                    n == 0,
                    now,
                    now,
                )
                for hid in ids
                for n in range(round(per_household))
            ]
            cursor.executemany(
                f"INSERT INTO {r_table} (household_id, province_id, full_name, sex, date_of_birth,"
                " citizen_id, relation, is_representative, created_at, updated_at)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                members,
            )
        sql_seconds = time.perf_counter() - started
        sql_rate = (len(rows) + len(members)) / sql_seconds

        print(f"database: {connection.vendor} ({scratch})")
        print(
            f"coso seed:       {counts.rows:>9,} rows in {app_seconds:6.2f} s = {app_rate:>9,.0f} rows/s "
            f"({counts.villages} villages, {counts.households} households, {counts.residents} residents)"
        )
        print(
            f"hand-written SQL: {len(rows) + len(members):>8,} rows in {sql_seconds:6.2f} s = {sql_rate:>9,.0f} rows/s"
        )
        print(f"ratio (SQL rate / seed rate): {sql_rate / app_rate:.2f}")


if __name__ == "__main__":
    main()
