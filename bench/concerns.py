"""The concerns view (topics ranked by households, beside the period before) for the
nation, a province and a commune, over a nation of maintained figures: `--provinces` ×
`--communes` communes, each with figures on a random share of the catalogue's topics
(both indicators) and on other apps' indicators, for this year and the last. The data
path (`coso.concerns.ranking.ranked`) beside the floor — hand-written SQL reading the
same maintained rows (only the concerns indicators) and the catalogue, ranked in
Python the same way — and the officials' page over HTTP (in process) with its query
count, which must not change with the nation's size. On PostgreSQL the plan of the
commune's read is printed.

    .venv/bin/python bench/concerns.py [--provinces 34] [--communes 100]
"""

import argparse
import random
from typing import Any

from common import analyze, best_of, scratch_database

RUNS = 30
YEAR = 2026
OTHER = [f"bench.other{n}" for n in range(40)]  # other apps' indicators, read alongside

FLOOR_TOTALS = """
SELECT period, indicator, value FROM reports_indicatortotal
WHERE {where} AND period IN (%s, %s) AND indicator LIKE 'concerns.%%'
"""
FLOOR_VALUES = """
SELECT period, indicator, value FROM reports_indicatorvalue
WHERE unit_id = %s AND period IN (%s, %s) AND indicator LIKE 'concerns.%%'
"""
FLOOR_TOPICS = """
SELECT t.code, p.code, t.label, t."order" FROM concerns_topic t
LEFT JOIN concerns_topic p ON p.id = t.parent_id
"""


def seed(provinces: int, communes: int) -> Any:
    """The units, then their maintained figures and the totals."""
    from coso.core.text import fold
    from coso.units.models import DivisionType, Unit, UnitKind

    made = Unit.objects.bulk_create(
        Unit(
            code=f"{p:02d}",
            name=f"Tỉnh {p}",
            search_name=fold(f"Tỉnh {p}"),
            kind=UnitKind.PROVINCE,
            division_type=DivisionType.TINH,
            path=f"/{p:02d}/",
            depth=0,
        )
        for p in range(1, provinces + 1)
    )
    Unit.objects.bulk_create(
        Unit(
            code=f"{p.code}{n:03d}",
            name=f"Xã {p.code}-{n}",
            search_name=fold(f"Xã {p.code}-{n}"),
            kind=UnitKind.COMMUNE,
            division_type=DivisionType.XA,
            parent=p,
            path=f"{p.path}{p.code}{n:03d}/",
            depth=1,
        )
        for p in made
        for n in range(communes)
    )
    write_figures()
    analyze()
    return made[0]


def write_figures() -> None:
    """Every commune: a third of the topics (households ≤ records) and the other
    indicators, this year and last; then the provinces' and the nation's totals."""
    from coso.concerns.indicators import HOUSEHOLDS, RECORDS, households_code, records_code
    from coso.concerns.models import Topic
    from coso.reports.models import IndicatorValue
    from coso.reports.services import roll_up
    from coso.units.models import Unit, UnitKind

    topics = list(Topic.objects.values_list("code", flat=True))
    rng = random.Random(21)
    rows = []
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE).values_list("pk", "path", "parent_id")
    for pk, path, province in communes:
        for year in (str(YEAR - 1), str(YEAR)):
            values: dict[str, int] = {c: rng.randint(1, 500) for c in OTHER}
            for topic in rng.sample(topics, len(topics) // 3):
                records = rng.randint(1, 40)
                values[records_code(topic)] = records
                values[households_code(topic)] = rng.randint(1, records)
            values[RECORDS] = sum(v for c, v in values.items() if c.startswith(RECORDS))
            values[HOUSEHOLDS] = sum(v for c, v in values.items() if c.startswith(HOUSEHOLDS))
            rows += [
                IndicatorValue(
                    unit_id=pk, path=path, province_id=province, period=year, indicator=c, value=v
                )
                for c, v in values.items()
            ]
    IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    codes = sorted({r.indicator for r in rows})
    for year in (str(YEAR - 1), str(YEAR)):
        roll_up(year, codes, None)


def floor(unit: Any) -> list[tuple[str, int, int, int]]:
    """The view's numbers by hand: the first-level topics ranked (code, households,
    records, households before) — the subtopics are ranked the same way."""
    from django.db import connection

    years = [str(YEAR), str(YEAR - 1)]
    with connection.cursor() as cursor:
        if unit is None or unit.depth == 0:
            where = "province_id IS NULL" if unit is None else "province_id = %s"
            params = [] if unit is None else [unit.pk]
            cursor.execute(FLOOR_TOTALS.format(where=where), [*params, *years])
        else:
            cursor.execute(FLOOR_VALUES, [unit.pk, *years])
        found: dict[str, dict[str, int]] = {y: {} for y in years}
        for period, code, value in cursor.fetchall():
            found[period][code] = value
        cursor.execute(FLOOR_TOPICS)
        tops = [(code, order) for code, parent, _label, order in cursor.fetchall() if not parent]
    now, before = found[years[0]], found[years[1]]
    tops.sort(key=lambda t: (t[1], t[0]))
    ranked = [
        (
            code,
            now.get(f"concerns.households.{code}", 0),
            now.get(f"concerns.records.{code}", 0),
            before.get(f"concerns.households.{code}", 0),
        )
        for code, _order in tops
    ]
    return sorted((r for r in ranked if r[1] or r[2] or r[3]), key=lambda r: (-r[1], -r[2]))


def app(unit: Any) -> list[tuple[str, int, int, int]]:
    from coso.concerns import ranking
    from coso.reports import period_parse

    _total, rows = ranking.ranked(unit=unit, period=period_parse(str(YEAR)))
    return [
        (r.topic.code, r.count.households, r.count.records, r.count.households_before) for r in rows
    ]


def page(unit: Any) -> tuple[float, int]:
    """The officials' page over HTTP (in process), best of RUNS, and its query count."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from coso.accounts.models import Role, RoleAssignment, User

    user, _ = User.objects.get_or_create(username="bench-concerns")
    if not RoleAssignment.objects.filter(user=user).exists():
        RoleAssignment.objects.create(user=user, unit=None, role=Role.CENTRAL_VIEWER)
    client = Client()
    client.force_login(user)
    url = f"/app/units/{unit.code}/concerns/" if unit else "/app/concerns/"
    url += f"?period={YEAR}"
    assert client.get(url).status_code == 200
    seconds, _ = best_of(RUNS, lambda: client.get(url))
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return seconds, len(queries)


def plan(unit: Any) -> None:
    """PostgreSQL's plans for the commune's read of its figures: by its id (what the
    view does), and by its path's prefix (what a subtree's read does)."""
    from django.db import connection
    from django.db.models import Sum

    from coso.reports.models import IndicatorValue

    if connection.vendor != "postgresql":
        return
    by_id = IndicatorValue.objects.filter(unit=unit, period=str(YEAR))
    by_path = IndicatorValue.objects.filter(path__startswith=unit.path, period=str(YEAR))
    for name, rows in (("its id", by_id), ("its path's prefix", by_path)):
        grouped = rows.values("indicator", "period").annotate(total=Sum("value"))
        print(f"\nplan of a commune's figures read by {name}:")
        print(grouped.explain(analyze=True))


def measure(provinces: int, communes: int) -> dict[str, dict[str, Any]]:
    with scratch_database():
        from django.conf import settings

        from coso.units.models import Unit

        settings.ALLOWED_HOSTS = ["*"]
        province = seed(provinces, communes)
        commune = Unit.objects.filter(parent=province).order_by("code").first()
        results = {}
        for name, unit in (("nation", None), ("province", province), ("commune", commune)):
            assert app(unit) == floor(unit), name
            app_s, _ = best_of(RUNS, lambda u=unit: app(u))
            floor_s, _ = best_of(RUNS, lambda u=unit: floor(u))
            page_s, queries = page(unit)
            results[name] = {"app": app_s, "floor": floor_s, "page": page_s, "queries": queries}
        plan(commune)
        return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--communes", type=int, default=100)
    args = parser.parse_args()
    small = measure(1, 1)
    large = measure(args.provinces, args.communes)
    from django.db import connection

    size = args.provinces * args.communes
    print(f"\nconcerns view ({connection.vendor}), best of {RUNS}; {size} communes vs 1")
    print(f"{'unit':>10}{'data':>11}{'SQL floor':>11}{'data/SQL':>10}{'page':>11}{'queries':>9}")
    for name, r in large.items():
        print(
            f"{name:>10}{r['app'] * 1000:>8.2f} ms{r['floor'] * 1000:>8.2f} ms"
            f"{r['app'] / r['floor']:>10.2f}{r['page'] * 1000:>8.2f} ms{r['queries']:>9}"
        )
    same = all(small[n]["queries"] == large[n]["queries"] for n in large)
    print("same query count with 1 commune and", size, ":", "yes" if same else "NO")


if __name__ == "__main__":
    main()
