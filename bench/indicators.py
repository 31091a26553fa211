"""National figures read from the maintained table, against hand-written SQL on the same
table; the cost of refreshing after one petition changes; a province's full refresh.

A scratch database (DATABASE_URL's server, else a temporary SQLite file) gets the
national map (3,321 communes), synthetic maintained values for every commune, every
stored indicator and every period of two years (≥ 12 periods), and 100,000 petitions in
one province for the refresh figures.

    .venv/bin/python bench/indicators.py [--years 2] [--petitions 100000]
"""

import argparse
import random
import statistics
import time

from common import analyze, scratch_database

# The floor for the app's read: the same maintained totals, by hand.
TOTALS_SQL = """
SELECT indicator, value FROM reports_indicatortotal
WHERE period = %s AND province_id IS NULL
"""
# What the totals spare: summing every commune's row.
NATION_SQL = """
SELECT indicator, SUM(value) FROM reports_indicatorvalue
WHERE period = %s GROUP BY indicator
"""
ONE_SQL = "SELECT SUM(value) FROM reports_indicatorvalue WHERE period = %s AND indicator = %s"


def seed_values(years: list[int]) -> int:
    """Synthetic maintained values: every commune × stored indicator × period."""
    from django.db import connection

    from coso.core import indicators
    from coso.reports import periods
    from coso.reports.services import roll_up
    from coso.units.models import Unit, UnitKind

    codes = list(indicators.indicators())
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE).values_list("pk", "path"))
    provinces = dict(Unit.objects.filter(kind=UnitKind.PROVINCE).values_list("code", "pk"))
    chosen = [p.code for y in years for p in periods.in_year(y)]
    rng = random.Random(11)
    statement = (
        "INSERT INTO reports_indicatorvalue (unit_id, path, province_id, period, indicator, "
        "value, updated_at) VALUES (%s, %s, %s, %s, %s, %s, CURRENT_TIMESTAMP)"
    )
    written = 0
    with connection.cursor() as cursor:
        for period in chosen:
            batch = [
                (
                    pk,
                    path,
                    provinces[path.strip("/").split("/")[0]],
                    period,
                    code,
                    rng.randint(1, 99),
                )
                for pk, path in communes
                for code in codes
            ]
            cursor.executemany(statement, batch)
            written += len(batch)
    for period in chosen:  # the provinces' and the nation's totals, as refresh keeps them
        roll_up(period, codes, None)
    return written


def median_ms(runs: int, func) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--petitions", type=int, default=100_000)
    args = parser.parse_args()

    with scratch_database() as scratch:
        from django.db import connection, transaction
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from coso.core import indicators
        from coso.petitions.models import Petition
        from coso.reports import periods, selectors, services
        from coso.units.models import Unit
        from coso.units.services import units_import_national

        units_import_national()
        today = timezone.localdate()
        years = list(range(today.year - args.years + 1, today.year + 1))
        started = time.perf_counter()
        with transaction.atomic():
            rows = seed_values(years)
        analyze()
        print(
            f"database: {connection.vendor} ({scratch}); {rows:,} maintained values "
            f"({Unit.objects.filter(kind='commune').count():,} communes, "
            f"{len(years) * 19} periods) in {time.perf_counter() - started:.1f} s"
        )
        period = periods.of_kind(periods.YEAR, today)

        def by_hand(statement: str, params: list) -> list:  # type: ignore[type-arg]
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall()

        app_ms, app = median_ms(21, lambda: selectors.figures(unit=None, period=period))
        floor_ms, floor = median_ms(21, lambda: by_hand(TOTALS_SQL, [period.code]))
        sum_ms, summed = median_ms(21, lambda: by_hand(NATION_SQL, [period.code]))
        assert app == dict(summed) == dict(floor)
        print(
            f"national figures, all {len(floor)} indicators of {period.code} (median of 21): "
            f"app {app_ms:.1f} ms; hand-written SUM over the maintained values {sum_ms:.1f} ms, "
            f"ratio {app_ms / sum_ms:.2f}; the same totals read by hand {floor_ms:.1f} ms, "
            f"ratio {app_ms / floor_ms:.2f}"
        )
        one_app, one_sql = [], []
        for code in [c for c in selectors.HEADLINE if c in indicators.indicators()][:5]:
            a, _ = median_ms(11, lambda c=code: selectors.figures(unit=None, period=period).get(c))
            s, _ = median_ms(11, lambda c=code: by_hand(ONE_SQL, [period.code, c]))
            one_app.append(a)
            one_sql.append(s)
        print(
            f"one national figure: app {statistics.median(one_app):.1f} ms (all figures at once), "
            f"SQL for one indicator {statistics.median(one_sql):.1f} ms"
        )
        lai_chau = Unit.objects.get(code="12")
        app_ms, _ = median_ms(21, lambda: selectors.by_sub_unit(unit=None, period=period))
        print(f"national table (one row per province): app {app_ms:.1f} ms (median of 21)")
        app_ms, _ = median_ms(21, lambda: selectors.by_sub_unit(unit=lai_chau, period=period))
        print(f"province table (one row per commune): app {app_ms:.1f} ms (median of 21)")

        # Records for the refresh figures: petitions in one province.
        from petitions import seed as seed_petitions

        seed_petitions(args.petitions)
        analyze()
        petition = Petition.objects.filter(status="accepted").first()
        commune_id = petition.unit_id
        # What a change adds to its own transaction, then what the worker does for it.
        with transaction.atomic(), CaptureQueriesContext(connection) as recorded:
            services.touch_record("petitions", commune_id, {today})
        with CaptureQueriesContext(connection) as queries:
            services.touches_work()
        print(
            f"one petition changes: {len(recorded)} query added to the request; the worker's "
            f"refresh (its commune, {len(periods.containing(today))} periods): "
            f"{len(queries)} queries"
        )
        communes = list(Unit.objects.filter(parent=lai_chau).values_list("pk", flat=True))
        started = time.perf_counter()
        written = 0
        for p in [p for y in years for p in periods.in_year(y)]:
            for s in indicators.sources():
                written += services.refresh(source=s, period=p, unit_ids=[*communes, lai_chau.pk])
        print(
            f"full refresh of Lai Châu ({len(communes)} communes, {args.petitions:,} petitions, "
            f"{len(years) * 19} periods, all sources): {time.perf_counter() - started:.1f} s, "
            f"{written:,} values"
        )


if __name__ == "__main__":
    main()
