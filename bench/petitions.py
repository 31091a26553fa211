"""Petition reads at province scale: the province roll-up and the overdue work list,
each against hand-written SQL on the same database, with the app's query count.

Runs on a scratch database next to the configured one (DATABASE_URL, else a temporary
SQLite file) holding the province seed's communes and ≥ 100,000 synthetic petitions.

    .venv/bin/python bench/petitions.py [--petitions 100000]
"""

import argparse
import datetime as dt
import random
import time

from common import analyze, best_of, scratch_database

ROLLUP_SQL = """
SELECT p.unit_id, u.name, p.kind, COUNT(*),
       SUM(CASE WHEN p.status IN ('received', 'accepted') THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.status NOT IN ('received', 'accepted') THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.on_time THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.status IN ('received', 'accepted') AND p.next_due < %s THEN 1 ELSE 0 END)
FROM petitions_petition p JOIN units_unit u ON u.id = p.unit_id
WHERE p.province_id = %s AND p.received_on BETWEEN %s AND %s
GROUP BY p.unit_id, u.name, p.kind ORDER BY u.name, p.unit_id, p.kind
"""

OVERDUE_SQL = """
SELECT p.id, p.tracking_code, p.kind, p.category, p.subject, p.status, p.received_on,
       p.accept_due, p.due_on, p.next_due, p.unit_id, p.closed_on, p.on_time
FROM petitions_petition p JOIN units_unit u ON u.id = p.unit_id
WHERE u.path LIKE %s AND p.status IN ('received', 'accepted') AND p.next_due < %s
ORDER BY p.next_due, p.id LIMIT 51
"""


def seed(count: int) -> None:
    from coso.petitions.models import Petition
    from coso.units.models import Unit

    province = Unit.objects.get(code="12")
    communes = list(Unit.objects.filter(parent=province))
    rng = random.Random(5)
    today = dt.date.today()
    kinds = ["feedback"] * 6 + ["complaint"] * 3 + ["denunciation"]
    rows = []
    for i in range(count):
        received = today - dt.timedelta(days=rng.randint(0, 300))
        status = rng.choice(
            ["received", "accepted", "accepted", "resolved", "resolved", "resolved", "refused"]
        )
        due = received + dt.timedelta(days=rng.randint(10, 60))
        closed = status in ("resolved", "refused")
        rows.append(
            Petition(
                tracking_code=f"B{i:09d}",
                kind=rng.choice(kinds),
                subject=f"Đơn {i}",
                description="Nội dung",
                unit=rng.choice(communes),
                province=province,
                channel="portal",
                received_on=received,
                accept_due=received + dt.timedelta(days=14),
                due_on=due,
                next_due=None if closed else due,
                status=status,
                closed_on=received + dt.timedelta(days=20) if closed else None,
                on_time=(rng.random() < 0.8) if closed else None,
            )
        )
        if len(rows) == 5000:
            Petition.objects.bulk_create(rows)
            rows = []
    Petition.objects.bulk_create(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=100_000)
    args = parser.parse_args()

    with scratch_database() as scratch:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from coso.accounts.models import User
        from coso.petitions import selectors
        from coso.units.models import Unit
        from coso.units.services import units_import_national

        units_import_national()
        started = time.perf_counter()
        seed(args.petitions)
        analyze()
        print(
            f"database: {connection.vendor} ({scratch}); {args.petitions:,} petitions seeded "
            f"in {time.perf_counter() - started:.1f} s"
        )
        province = Unit.objects.get(code="12")
        admin = User.objects.create_superuser("bench", password="bench-pass-1")
        today = timezone.localdate()
        year = today.year

        def sql(statement: str, params: list) -> list:  # type: ignore[type-arg]
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall()

        app_t, app_rows = best_of(
            5, lambda: selectors.province_rollup(province=province, year=year)
        )
        sql_t, sql_rows = best_of(
            5,
            lambda: sql(
                ROLLUP_SQL, [today, province.pk, dt.date(year, 1, 1), dt.date(year, 12, 31)]
            ),
        )
        assert len(app_rows) == len(sql_rows)
        with CaptureQueriesContext(connection) as queries:
            selectors.province_rollup(province=province, year=year)
        print(
            f"province roll-up ({len(app_rows)} rows): app {app_t * 1000:.1f} ms, "
            f"SQL {sql_t * 1000:.1f} ms, ratio {app_t / sql_t:.2f}, "
            f"{len(queries)} quer{'y' if len(queries) == 1 else 'ies'}"
        )

        def app_list():  # type: ignore[no-untyped-def]
            admin.__dict__.pop("_coso_assignments", None)
            return selectors.worklist(user=admin, unit=province, which="overdue", size=50)

        app_t, page = best_of(5, app_list)
        sql_t, rows = best_of(5, lambda: sql(OVERDUE_SQL, [province.path + "%", today]))
        assert [p.pk for p in page.items] == [r[0] for r in rows[:50]]
        with CaptureQueriesContext(connection) as queries:
            app_list()
        print(
            f"overdue list (first 50): app {app_t * 1000:.1f} ms, SQL {sql_t * 1000:.1f} ms, "
            f"ratio {app_t / sql_t:.2f}, {len(queries)} queries"
        )


if __name__ == "__main__":
    main()
