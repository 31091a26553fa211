"""How well the catalogue's rules suggest topics, measured against what officials
confirmed: per topic, over the concerns an official confirmed, how many the rules
suggested it for, how many were confirmed under it, and both. Precision is both /
suggested (a suggestion officials kept), recall is both / confirmed (a topic the rules
found). Counted in SQL, one query."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

# The table function that lists a JSON array's elements as rows named `value`.
ELEMENTS = {"postgresql": "jsonb_array_elements_text", "sqlite": "json_each"}

SQL = """
WITH c AS (
    SELECT id, suggested, confirmed FROM concerns_concern
    WHERE confirmed IS NOT NULL AND raised_on >= %s
)
SELECT code, SUM(s), SUM(k), SUM(s * k) FROM (
    SELECT id, code, MAX(s) AS s, MAX(k) AS k FROM (
        SELECT c.id, e.value AS code, 1 AS s, 0 AS k FROM c, {fn}(c.suggested) e
        UNION ALL
        SELECT c.id, e.value AS code, 0 AS s, 1 AS k FROM c, {fn}(c.confirmed) e
    ) pairs GROUP BY id, code
) per_concern GROUP BY code ORDER BY code
"""


@dataclass(frozen=True)
class Measure:
    code: str
    suggested: int
    confirmed: int
    both: int

    @property
    def precision(self) -> Decimal | None:
        return _share(self.both, self.suggested)

    @property
    def recall(self) -> Decimal | None:
        return _share(self.both, self.confirmed)


def _share(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / whole).quantize(Decimal("0.001")) if whole else None


def measures(*, since: dt.date | None = None) -> list[Measure]:
    """Per topic code, over the confirmed concerns raised from `since` (all if None)."""
    with connection.cursor() as cursor:
        cursor.execute(SQL.format(fn=ELEMENTS[connection.vendor]), [since or dt.date.min])
        return [Measure(code, int(s), int(k), int(b)) for code, s, k, b in cursor.fetchall()]
