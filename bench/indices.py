"""A province's indices page (satisfaction and participation, the unit beside its
communes' median over six years, the communes ranked) at three sizes of a province: 1
commune, the province seed's (Lai Châu's communes on the national map) and 100. The officials' page over HTTP (in process) beside the floor: a bare
view on the same server (same middleware, session and sign-in) whose hand-written SQL
reads the same maintained figures and rules and applies the same arithmetic (the pure
functions of `coso.reports.indices`), rendering only the numbers. Also the data path
alone (the page's context, `coso.reports.index_page.page`, beside that SQL) and the
page's query count, which must not change with the number of communes.

Each size gets its own scratch database (DATABASE_URL's server, else a temporary SQLite
file): a province with that many communes, then maintained figures
for every commune, every indicator the formulas read and six years — survey answers
(answered ≥ satisfied, as the surveys app counts them) and the records behind the
participation index — as the reports worker keeps them, and the province's totals.

    .venv/bin/python bench/indices.py [--communes 1 0 100]   (0: the province seed)
"""

import argparse
import random
from typing import Any

from common import analyze, best_of, scratch_database

RUNS = 30
YEAR = 2026
PROVINCE = "12"

# The floor: the same reads as the page, by hand. The rules in force over the years
# shown; the province's totals per year; every commune's values per year.
RULES_SQL = """
SELECT code, effective_from, effective_to, CAST(value AS TEXT) FROM rules_rule
WHERE code IN ('index.participation', 'index.satisfaction', 'survey.min_sample')
  AND effective_from <= %s AND (effective_to IS NULL OR effective_to > %s)
"""
TOTALS_SQL = """
SELECT period, indicator, CAST(SUM(value) AS BIGINT) FROM reports_indicatortotal
WHERE province_id = %s AND period IN ({periods}) GROUP BY period, indicator
"""
COMMUNES_SQL = """
SELECT v.unit_id, v.period, v.indicator, v.value FROM reports_indicatorvalue v
JOIN units_unit u ON u.id = v.unit_id
WHERE v.path LIKE %s AND v.period IN ({periods}) AND v.indicator IN ({codes})
  AND u.kind = 'commune'
"""
NAMES_SQL = "SELECT id, code, name FROM units_unit WHERE id IN ({ids})"


def seed(communes: int) -> Any:
    """A province of `communes` communes (0: the province seed, `coso seed --scale
    province`, with its real communes), and their maintained figures."""
    from coso.core.text import fold
    from coso.units.models import DivisionType, Unit, UnitKind

    if communes == 0:
        from django.core.management import call_command

        call_command(
            "seed",
            scale="province",
            province=PROVINCE,
            villages_per_commune=4,
            households_per_village=25,
            verbosity=0,
        )
        province = Unit.objects.get(code=PROVINCE)
    else:
        province = Unit.objects.create(
            code=PROVINCE,
            name="Tỉnh Lai Châu",
            search_name=fold("Tỉnh Lai Châu"),
            kind=UnitKind.PROVINCE,
            division_type=DivisionType.TINH,
            path=f"/{PROVINCE}/",
            depth=0,
        )
        Unit.objects.bulk_create(
            Unit(
                code=f"{PROVINCE}{n:03d}",
                name=f"Xã {n}",
                search_name=fold(f"Xã {n}"),
                kind=UnitKind.COMMUNE,
                division_type=DivisionType.XA,
                parent=province,
                path=f"/{PROVINCE}/{PROVINCE}{n:03d}/",
                depth=1,
            )
            for n in range(communes)
        )
    write_figures(province)
    analyze()
    return province


def _value(code: str, rng: random.Random, answered: dict[str, int]) -> int:
    """A plausible value: a satisfied count never above its answered count."""
    if code.startswith("surveys.answered."):
        answered[code.rsplit(".", 1)[1]] = n = rng.randint(20, 90)
        return n
    if code.startswith("surveys.satisfied."):
        return rng.randint(0, answered.get(code.rsplit(".", 1)[1], 0))
    return rng.randint(1, 99)


def write_figures(province: Any) -> None:
    """Every commune × every code the formulas read × six years, then the totals."""
    from coso.reports import formulas, index_page, periods
    from coso.reports.models import IndicatorValue
    from coso.reports.services import roll_up
    from coso.units.models import Unit, UnitKind

    years = [periods.parse(str(y)) for y in range(YEAR - 5, YEAR + 1)]
    codes = sorted(index_page.needed_codes(formulas.for_periods(years)))
    codes = sorted(set(codes) | {c.replace("answered", "satisfied") for c in codes})
    rng = random.Random(20)
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=province.path)
    rows = []
    for pk, path in communes.values_list("pk", "path"):
        for year in years:
            answered: dict[str, int] = {}
            for code in sorted(codes, key=lambda c: "satisfied" in c):
                rows.append(
                    IndicatorValue(
                        unit_id=pk,
                        path=path,
                        province_id=province.pk,
                        period=year.code,
                        indicator=code,
                        value=_value(code, rng, answered),
                    )
                )
    IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    for year in years:
        roll_up(year.code, codes, {province.pk})


def floor(province: Any) -> dict[str, Any]:
    """The page's numbers from hand-written SQL and the same pure functions."""
    from django.db import connection

    from coso.reports import index_page, periods
    from coso.reports.formulas import Formulas

    years = [str(y) for y in range(YEAR - 5, YEAR + 1)]
    marks = ", ".join(["%s"] * len(years))
    with connection.cursor() as cursor:
        end = periods.parse(str(YEAR)).end
        cursor.execute(RULES_SQL, [end, end])
        found = {code: value for code, _start, _end, value in cursor.fetchall()}
        rules = Formulas(
            _json(found["index.participation"]),
            _json(found["index.satisfaction"]),
            int(_json(found["survey.min_sample"])["min"]),
        )
        codes = sorted(index_page.needed_codes([rules]))
        cursor.execute(TOTALS_SQL.format(periods=marks), [province.pk, *years])
        mine: dict[str, dict[str, int]] = {y: {} for y in years}
        for period, code, value in cursor.fetchall():
            mine[period][code] = value
        sql = COMMUNES_SQL.format(periods=marks, codes=", ".join(["%s"] * len(codes)))
        cursor.execute(sql, [f"{province.path}%", *years, *codes])
        per: dict[str, dict[int, dict[str, int]]] = {y: {} for y in years}
        for unit_id, period, code, value in cursor.fetchall():
            per[period].setdefault(unit_id, {})[code] = value
        ids = list(per[years[-1]]) or [0]
        cursor.execute(NAMES_SQL.format(ids=", ".join(["%s"] * len(ids))), ids)
        names = {pk: (code, name) for pk, code, name in cursor.fetchall()}
    return _arithmetic(rules, mine, per, names, years)


def _arithmetic(
    rules: Any,
    mine: dict[str, dict[str, int]],
    per: dict[str, dict[int, dict[str, int]]],
    names: dict[int, tuple[str, str]],
    years: list[str],
) -> dict[str, Any]:
    """What the page computes from the rows: both indices of every commune each year,
    their medians, the unit's own, the communes ranked."""
    from coso.reports import indices

    def both(values: dict[str, int]) -> tuple[float | None, float | None]:
        part = indices.participation(values, rules.participation).value
        sat = indices.satisfaction(values, rules.satisfaction, rules.min_sample).value
        return part, sat

    scored = {y: {pk: both(v) for pk, v in per[y].items()} for y in years}
    medians = {
        y: [indices.median([s[i] for s in scored[y].values() if s[i] is not None]) for i in (0, 1)]
        for y in years
    }
    ranking = sorted(
        ((*names.get(pk, ("", "")), *s) for pk, s in scored[years[-1]].items()),
        key=lambda r: (-(r[2] if r[2] is not None else -1), r[1]),
    )
    return {"own": both(mine[years[-1]])[0], "medians": medians, "ranking": ranking}


def _json(value: Any) -> Any:
    import json

    return json.loads(value)


def app(province: Any) -> dict[str, Any]:
    from coso.reports import index_page, periods

    return index_page.page(unit=province, period=periods.parse(str(YEAR)), linked=True)


# The bare page: the floor's numbers in the least HTML that shows them, served by a
# view on the same server (the same middleware, session and sign-in as the app's page).
BARE = """<!doctype html><title>{{ unit }}</title><p>{{ own }}</p><table>
{% for code, name, part, sat in ranking %}<tr><td>{{ code }}</td><td>{{ name }}</td>
<td>{{ part }}</td><td>{{ sat }}</td></tr>{% endfor %}</table><table>
{% for year, m in medians.items %}<tr><td>{{ year }}</td><td>{{ m.0 }}</td><td>{{ m.1 }}</td>
</tr>{% endfor %}</table>"""


def bare_view(request: Any, code: str) -> Any:
    from django.http import Http404, HttpResponse
    from django.template import Context, Template

    from coso.units.models import Unit

    if not request.user.is_authenticated:
        raise Http404
    unit = Unit.objects.get(code=code)
    numbers = floor(unit)
    return HttpResponse(Template(BARE).render(Context({"unit": unit.name, **numbers})))


def serve_bare() -> None:
    """Add the bare page beside the app's URLs."""
    from django.urls import clear_url_caches, path

    from coso.config import urls

    urls.urlpatterns.append(path("bench/indices/<str:code>/", bare_view))
    clear_url_caches()


def pages(province: Any) -> tuple[float, float, int]:
    """The officials' page and the bare page over HTTP (in process), best of RUNS,
    and the officials' page's query count."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from coso.accounts.models import Role, RoleAssignment, User

    user = User.objects.create_user("bench-indices", password="x")
    RoleAssignment.objects.create(user=user, unit=province, role=Role.PROVINCE_VIEWER)
    client = Client()
    client.force_login(user)
    url = f"/app/units/{province.code}/indices/?period={YEAR}"
    bare = f"/bench/indices/{province.code}/"
    assert client.get(url).status_code == 200 and client.get(bare).status_code == 200
    seconds, _ = best_of(RUNS, lambda: client.get(url))
    bare_seconds, _ = best_of(RUNS, lambda: client.get(bare))
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return seconds, bare_seconds, len(queries)


def measure(communes: int) -> dict[str, float]:
    with scratch_database():
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["*"]
        serve_bare()
        province = seed(communes)
        got, want = app(province), floor(province)
        assert got["participation"].value == want["own"], (got["participation"], want["own"])
        app_s, _ = best_of(RUNS, lambda: app(province))
        floor_s, _ = best_of(RUNS, lambda: floor(province))
        page_s, bare_s, queries = pages(province)
        from coso.units.models import Unit, UnitKind

        size = Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=province.path).count()
        return {
            "app": app_s,
            "floor": floor_s,
            "page": page_s,
            "bare": bare_s,
            "queries": queries,
            "communes": size,
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, nargs="+", default=[1, 0, 100])
    args = parser.parse_args()
    results = {n: measure(n) for n in args.communes}
    from django.db import connection

    print(f"\nindices page of a province ({connection.vendor}), best of {RUNS}")
    print(
        f"{'communes':>14}{'page':>11}{'bare page':>11}{'page/bare':>11}"
        f"{'data':>11}{'SQL':>11}{'data/SQL':>10}{'queries':>9}"
    )
    for n, r in results.items():
        print(
            f"{r['communes'] if n else str(r['communes']) + ' (seed)':>14}"
            f"{r['page'] * 1000:>8.2f} ms{r['bare'] * 1000:>8.2f} ms"
            f"{r['page'] / r['bare']:>11.2f}{r['app'] * 1000:>8.2f} ms"
            f"{r['floor'] * 1000:>8.2f} ms{r['app'] / r['floor']:>10.2f}{r['queries']:>9}"
        )
    counts = {r["queries"] for r in results.values()}
    print("same query count at every size:", "yes" if len(counts) == 1 else f"NO {counts}")
    for n, r in results.items():
        ratio = r["page"] / r["bare"]
        verdict = "PASS" if ratio <= 1.5 else "FAIL"
        name = "the province seed" if n == 0 else f"{n} communes"
        print(f"page/bare page at {name}: {ratio:.2f} (goal ≤ 1.5) {verdict}")


if __name__ == "__main__":
    main()
