"""Reads of the registry: a province's public gallery (searchable, keyset-paginated,
its count by field and level in one query), a model with its photos, evaluations,
recognitions and replication tree (a fixed number of queries)."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from coso.core.pagination import keyset_page
from coso.core.permissions import can, get_or_404, scoped_for
from coso.exemplars.models import Exemplar, Field, Level, Recognition
from coso.units.selectors import Unit

PATH = "unit__path"


def _search(qs: QuerySet[Exemplar], query: str, field: str, level: str) -> QuerySet[Exemplar]:
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(description__icontains=query)
            | Q(unit__name__icontains=query)
        )
    if field in Field.values:
        qs = qs.filter(field=field)
    if level in Level.values:
        qs = qs.filter(level=level)
    return qs


def _listed(qs: QuerySet[Exemplar]) -> QuerySet[Exemplar]:
    return qs.select_related("unit").annotate(
        replica_count=Count("replicas", distinct=True),
        recognition_count=Count("recognitions", distinct=True),
    )


def gallery(
    *,
    province: Unit,
    query: str = "",
    field: str = "",
    level: str = "",
    after: Any = None,
    size: int = 50,
) -> Any:
    """A province's models, newest first: one query."""
    qs = _search(Exemplar.objects.filter(province=province), query, field, level)
    return keyset_page(_listed(qs), key="id", after=after, size=size, descending=True)


def registry(
    *,
    user: Any,
    unit: Unit,
    query: str = "",
    field: str = "",
    level: str = "",
    after: Any = None,
    size: int = 50,
) -> Any:
    """The models at `unit` and below, for its officials: one query."""
    qs = scoped_for(Exemplar.objects.all(), user, "records.read", path_field=PATH).filter(
        unit__path__startswith=unit.path
    )
    return keyset_page(
        _listed(_search(qs, query, field, level)), key="id", after=after, size=size, descending=True
    )


@dataclass(frozen=True)
class Counts:
    """Models by field (rows) and level (columns), with totals."""

    rows: list[tuple[str, list[int], int]]
    totals: list[int]
    total: int
    levels: list[str] = field(default_factory=list)


def counts(*, province: Unit) -> Counts:
    """The province's models by field and level: one aggregate query."""
    found = {
        (r["field"], r["level"]): r["n"]
        for r in Exemplar.objects.filter(province=province)
        .values("field", "level")
        .annotate(n=Count("id"))
    }
    levels = [Level.COMMUNE, Level.AGENCY, Level.PROVINCE]
    rows = []
    for key, label in Field.choices:
        cells = [found.get((key, lv), 0) for lv in levels]
        rows.append((str(label), cells, sum(cells)))
    totals = [sum(row[1][i] for row in rows) for i in range(len(levels))]
    return Counts(rows, totals, sum(totals), [str(Level(lv).label) for lv in levels])


def _full(qs: QuerySet[Exemplar]) -> QuerySet[Exemplar]:
    return qs.select_related("unit", "province", "origin", "origin__unit").prefetch_related(
        "photos",
        "evaluations",
        Prefetch("recognitions", queryset=Recognition.objects.order_by("decided_on")),
    )


def public_get(*, pk: int) -> Exemplar:
    return get_object_or_404(_full(Exemplar.objects.all()), pk=pk)


def exemplar_get(*, user: Any, pk: int, action: str = "records.read") -> Exemplar:
    return get_or_404(_full(Exemplar.objects.all()), user, action, path_field=PATH, pk=pk)


@dataclass
class Node:
    exemplar: Exemplar
    children: list["Node"] = field(default_factory=list)
    # Whether the reader's roles open this model's page for officials (a replica in
    # another commune or province is read on its public page).
    readable: bool = False


def tree(exemplar: Exemplar, *, user: Any = None) -> Node:
    """The replication tree the model belongs to, from its first model: one query;
    with `user`, each model marked if that official may open its page."""
    members = list(
        Exemplar.objects.filter(root_id=exemplar.root_id)
        .select_related("unit")
        .only("id", "name", "origin_id", "unit__name", "unit__path", "started_on", "level")
        .order_by("started_on", "id")
    )
    nodes = {
        m.pk: Node(m, readable=user is not None and can(user, "records.read", path=m.unit.path))
        for m in members
    }
    top = nodes.get(exemplar.root_id or exemplar.pk) or Node(exemplar)
    for m in members:
        if m.origin_id in nodes:
            nodes[m.origin_id].children.append(nodes[m.pk])
    return top
