"""Reads of the map. Public reads need no user; official reads are scoped."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import StrIndex, Substr
from django.http import Http404

from coso.core.permissions import get_or_404
from coso.core.scoping import may_reach
from coso.core.text import fold

# The map's types and choices, which other apps name from here (in annotations, forms,
# choices); they read its rows through the functions below.
from coso.units.models import COMMUNITY_KINDS, Unit, UnitKind


def existed_between(start: dt.date, end: dt.date) -> Q:
    """Units that existed at some time in [start, end] (the 2025 reorganisation: a unit
    merged away or created counts only for the periods it lived in)."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=end)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gt=start)
    )


def current_units() -> QuerySet[Unit]:
    """Units in force today (not closed by a merger or dissolution)."""
    return Unit.objects.filter(valid_to__isnull=True)


def provinces_of(*, unit_ids: Iterable[int]) -> dict[int, int]:
    """The province of each unit (the unit at the root of its path), in one query; a
    unit that does not exist is left out."""
    # "/12/03379/03379-001/" -> "/12/": the path up to its second slash.
    root_path = Substr("path", 1, StrIndex(Substr("path", 2), Value("/")) + 1)
    roots = Unit.objects.filter(path=OuterRef("root_path")).values("pk")[:1]
    rows = (
        Unit.objects.filter(pk__in=set(unit_ids))
        .annotate(root_path=root_path)
        .values_list("pk", Subquery(roots))
    )
    return dict(rows)


def units_under(*, unit: Unit) -> QuerySet[Unit, Any]:
    """`unit` and every unit below it, as a subquery for a list's filter
    (`unit__in=units_under(...)`): PostgreSQL then reckons the list's rows from how
    many units there are, and reads a large list in its index order page by page,
    where a join on the path, judged rare, makes it sort every row past the key."""
    return Unit.objects.filter(path__startswith=unit.path).values("id")


def unit_names(*, unit_ids: Iterable[int]) -> dict[int, str]:
    """Each unit's name by id, in one query."""
    return dict(Unit.objects.filter(pk__in=set(unit_ids)).values_list("pk", "name"))


def unit_get_public(*, code: str) -> Unit:
    unit = current_units().select_related("parent").filter(code=code).first()
    if unit is None:
        raise Http404
    return unit


def provinces_with_counts() -> QuerySet[Unit]:
    """The provinces with how many communes each has, in one query."""
    return (
        current_units()
        .filter(kind=UnitKind.PROVINCE)
        .annotate(child_count=Count("children", filter=Q(children__valid_to__isnull=True)))
        .order_by("search_name")
    )


def children_with_counts(*, unit: Unit, query: str = "") -> QuerySet[Unit]:
    """A unit's current children, each with its count of children or, for a commune's
    villages, of households — one query whatever the number of children."""
    children = current_units().filter(parent=unit)
    if query:
        children = children.filter(search_name__contains=fold(query))
    if unit.kind == UnitKind.COMMUNE:
        # Villages in the order of their codes (Tổ 2 before Tổ 10), with household counts.
        return (
            children.filter(kind__in=COMMUNITY_KINDS)
            .annotate(household_count=Count("households"))
            .order_by("code")
        )
    if unit.kind == UnitKind.PROVINCE:
        children = children.annotate(
            child_count=Count("children", filter=Q(children__valid_to__isnull=True))
        )
    return children.order_by("search_name", "code")


def unit_search(*, query: str, limit: int = 30) -> list[Unit]:
    """Provinces, communes and villages whose name matches, ignoring case and diacritics."""
    needle = fold(query)
    if not needle:
        return []
    return list(
        current_units()
        .filter(search_name__contains=needle)
        .select_related("parent")
        .order_by("depth", "search_name")[:limit]
    )


def ancestors(*, unit: Unit, user: Any = None) -> list[Unit]:
    """The units above `unit`, from the province down, in one query; with `user`, only
    those the user may reach (an official's breadcrumbs never lead to a 404)."""
    codes = unit.path.strip("/").split("/")[:-1]
    found = list(Unit.objects.filter(code__in=codes).order_by("depth")) if codes else []
    return [a for a in found if user is None or may_reach(user, a.path)]


def unit_get_for_user(*, user: Any, code: str, action: str = "records.read") -> Unit:
    """A current unit where the user may do `action` (by default, read its records), or
    404."""
    return get_or_404(
        current_units().select_related("parent"), user, action, path_field="path", code=code
    )
