"""How an app's indicator source (coso.core.indicators) counts: the per-unit conditional
count most sources are made of, the day a stock is read at, and the drill to the work
list where a unit's open records are listed."""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django.db.models import Aggregate, Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from coso.core.indicators import Drill, column


def stock_day(end: dt.date) -> dt.date:
    """The day a stock (what is open, running, overdue) is read at for a period ending
    on `end`: its last day, or today for the period under way."""
    return min(end, timezone.localdate())


def count_per_unit(
    rows: QuerySet[Any],
    counted: Mapping[str, Q],
    *,
    unit_ids: Sequence[int] | None,
    by: str = "unit_id",
    totals: Mapping[str, Aggregate] | None = None,
    into: dict[int, dict[str, int]] | None = None,
) -> dict[int, dict[str, int]]:
    """How many of `rows` meet each condition of `counted` ({indicator code: Q; an empty
    Q counts every row}) for each reporting unit, `by` naming the rows' unit id — one
    GROUP BY query, for the units of `unit_ids` only (every unit when None). `totals`
    adds other aggregates ({code: Sum(...)}, nothing summed read as 0).

    Returns {unit id: {code: value}}, added to `into` when given (a source counting
    several kinds of record)."""
    if unit_ids is not None:
        rows = rows.filter(**{f"{by}__in": unit_ids})
    totals = totals or {}
    aggregates: dict[str, Aggregate] = {
        column(c): Count("id", filter=q) for c, q in counted.items()
    }
    aggregates |= {column(c): aggregate for c, aggregate in totals.items()}
    found = {} if into is None else into
    for r in rows.values(by).annotate(**aggregates):
        found.setdefault(r[by], {}).update({c: r[column(c)] or 0 for c in [*counted, *totals]})
    return found


def worklist_drill(url_name: str, lists: Mapping[str, str]) -> Drill:
    """The drill of a source whose stocks are listed on the unit's work list (the URL
    `url_name`, taking the unit's code): {indicator code: the list's `which`}, read as
    the list stood at the period's end (today for the period under way), as the figure
    counts them."""

    def drill(code: str, unit: Any, start: dt.date, end: dt.date) -> str | None:
        if code not in lists:
            return None
        query = urlencode({"which": lists[code], "as_of": stock_day(end).isoformat()})
        return f"{reverse(url_name, args=[unit.code])}?{query}"

    return drill
