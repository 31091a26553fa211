"""Keyset pagination: a page is "the next N after this key", never a deep OFFSET."""

import datetime as dt
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import connections
from django.db.models import Count, F, Model, OuterRef, QuerySet, Subquery
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

M = TypeVar("M", bound=Model)


# The largest key a database integer column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_KEY = 2**63 - 1


def int_key(value: str | None) -> int | None:
    """A record id or page key typed into a URL or a form: None unless it is a whole
    number a database column can hold (a longer one would fail in the query)."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or int(text) > MAX_KEY:
        return None
    return int(text)


def count_up_to(qs: QuerySet[Any]) -> tuple[int, bool]:
    """How many rows `qs` has, reading at most COSO_LIST_COUNT_CAP + 1 of them: the
    count, and whether there are more than the cap (the count is then the cap)."""
    cap = settings.COSO_LIST_COUNT_CAP
    count = qs.order_by()[: cap + 1].count()
    return min(count, cap), count > cap


def count_of(qs: QuerySet[Any], field: str) -> Subquery:
    """A correlated count of the rows of `qs` whose `field` is the outer row: an
    annotation computed for the rows a page shows, where Count() over a join would group
    every row of the list before the page is cut."""
    rows = qs.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Subquery(rows.annotate(n=Count("pk")).values("n"))


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    next_after: Any | None


def keyset_page(
    qs: QuerySet[M], *, key: str, after: Any | None, size: int, descending: bool = False
) -> Page[M]:
    """Rows of `qs` ordered by the unique column `key`, starting after `after`
    (newest first when `descending`).

    One query: it fetches one row more than it shows to know whether a next page exists.
    """
    if after not in (None, ""):
        qs = qs.filter(**{f"{key}__{'lt' if descending else 'gt'}": after})
    rows = list(qs.order_by(f"-{key}" if descending else key)[: size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    return Page(rows, getattr(rows[-1], key) if has_next else None)


def dated_page(
    qs: QuerySet[M], *, field: str, after: str, size: int, descending: bool = False
) -> tuple[list[M], str | None]:
    """Rows of `qs` ordered by a date column, then id (earliest first, or latest first
    when `descending`), from after the key "YYYY-MM-DD_id" of the last row shown. One
    query; a key that does not parse starts from the beginning. Rows whose date is
    null are not listed."""
    qs = qs.filter(**{f"{field}__isnull": False})
    day_text, _, pk_text = (after or "").partition("_")
    try:
        day, pk = dt.date.fromisoformat(day_text), int(pk_text)
    except ValueError:
        day = None
    else:
        pk = max(-MAX_KEY, min(pk, MAX_KEY))  # beyond any id: the same rows either way
    if day is not None:
        # One row-value comparison, (date, id) > (day, pk): an index on (date, id)
        # starts at the key, and PostgreSQL reckons the rows left from the date alone
        # (an OR of date and id, even bounded, it judges rare, and then sorts every row
        # past the key instead of reading the page in index order).
        beyond = TupleLessThan if descending else TupleGreaterThan
        qs = qs.filter(beyond(Tuple(F(field), F("id")), (day, pk)))
        if not connections[qs.db].features.supports_tuple_lookups:  # type: ignore[attr-defined]
            # SQLite is given the comparison as an OR, no index range: the bound on
            # the date alone starts an index on (date, id) at the key.
            qs = qs.filter(**{f"{field}__{'lte' if descending else 'gte'}": day})
    order = (f"-{field}", "-id") if descending else (field, "id")
    rows = list(qs.order_by(*order)[: size + 1])
    if len(rows) <= size:
        return rows, None
    last = rows[size - 1]
    return rows[:size], f"{getattr(last, field).isoformat()}_{last.pk}"
