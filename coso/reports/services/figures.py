"""Keeping the figures: recompute an app's indicators for some units and a period from
the records, replacing what the table held (after a record changes, only for its unit
and the periods it can have changed: see `touches`)."""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from coso.core.indicators import Source
from coso.reports import periods
from coso.reports.models import FigureClock, IndicatorTotal, IndicatorValue
from coso.reports.periods import Period
from coso.units.selectors import Unit


def refresh(*, source: Source, period: Period, unit_ids: Sequence[int] | None = None) -> int:
    """Recompute `source`'s indicators over `period` for `unit_ids` (every unit when
    None) and replace their rows: a fixed handful of queries — the source's aggregate,
    one delete, one read of paths, one insert, the period's clock. Zeros are not
    stored. Returns the rows written."""
    values = source.compute(unit_ids, period.start, period.end)
    codes = [i.code for i in source.every()]
    with transaction.atomic():
        _one_at_a_time(source.name, period.code)
        stale = IndicatorValue.objects.filter(period=period.code, indicator__in=codes)
        affected: set[int] | None = None
        if unit_ids is not None:
            stale = stale.filter(unit_id__in=unit_ids)
            affected = set(stale.values_list("province_id", flat=True).distinct())
        stale.delete()
        where = dict(Unit.objects.filter(pk__in=list(values)).values_list("pk", "path"))
        provinces = _provinces(where.values())
        rows = [
            IndicatorValue(
                unit_id=unit_id,
                path=where[unit_id],
                province_id=provinces[where[unit_id].strip("/").split("/")[0]],
                period=period.code,
                indicator=code,
                value=n,
            )
            for unit_id, by_code in values.items()
            for code, n in by_code.items()
            if n and unit_id in where
        ]
        IndicatorValue.objects.bulk_create(rows, batch_size=5000)
        if affected is not None:
            affected |= {row.province_id for row in rows}
        roll_up(period.code, codes, affected)
        FigureClock.objects.bulk_create(
            [FigureClock(period=period.code, refreshed_at=timezone.now())],
            update_conflicts=True,
            unique_fields=["period"],
            update_fields=["refreshed_at"],
        )
    return len(rows)


def _one_at_a_time(source: str, period: str) -> None:
    """Refreshes of one source's figures for one period wait for each other: two
    changes committed together (even in two provinces) both rewrite the nation's
    totals. PostgreSQL: a transaction-level advisory lock; SQLite runs one writing
    transaction at a time anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"indicators:{source}:{period}"]
            )


def roll_up(period: str, codes: list[str], provinces: set[int] | None) -> None:
    """Recompute the provinces' totals (all when None) and the nation's from them —
    five queries, reading at most every commune row of those provinces."""
    sums = IndicatorValue.objects.filter(period=period, indicator__in=codes)
    kept = IndicatorTotal.objects.filter(period=period, indicator__in=codes)
    if provinces is not None:
        sums = sums.filter(province_id__in=provinces)
        kept.filter(province_id__in=provinces).delete()
    else:
        kept.filter(province__isnull=False).delete()
    IndicatorTotal.objects.bulk_create(
        [
            IndicatorTotal(
                province_id=r["province_id"], period=period, indicator=r["indicator"], value=r["n"]
            )
            for r in sums.values("province_id", "indicator").annotate(n=Sum("value"))
        ]
    )
    kept.filter(province__isnull=True).delete()
    nation = kept.filter(province__isnull=False).values("indicator").annotate(n=Sum("value"))
    IndicatorTotal.objects.bulk_create(
        [IndicatorTotal(period=period, indicator=r["indicator"], value=r["n"]) for r in nation]
    )


def _provinces(paths: Iterable[str]) -> dict[str, int]:
    """Province ids by code, for the first code of each path (one query)."""
    codes = {path.strip("/").split("/")[0] for path in paths}
    return dict(Unit.objects.filter(code__in=codes).values_list("code", "pk"))


def periods_between(first: dt.date, last: dt.date) -> list[Period]:
    """Every stored period (month, quarter, half, year) that meets [first, last]."""
    found: dict[str, Period] = {}
    for year in range(first.year, last.year + 1):
        for period in periods.in_year(year):
            if period.start <= last and period.end >= first:
                found[period.code] = period
    return list(found.values())
