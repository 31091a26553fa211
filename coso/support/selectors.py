"""Reads of support programmes: a commune's list (keyset-paginated, one query with
counts), a programme with its households and objections (a fixed number of queries)."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from coso.core.pagination import dated_page
from coso.core.permissions import get_or_404, scoped_for
from coso.support.models import Objection, Programme, Recipient
from coso.units.selectors import Unit

PATH = "unit__path"
# Public while its disclosure is: posted and not taken down.
POSTED = Q(disclosure__isnull=False, disclosure__taken_down_on__isnull=True)


def _listed(qs: QuerySet[Programme]) -> QuerySet[Programme]:
    return qs.annotate(
        households=Count("recipients", distinct=True), total=Sum("recipients__value")
    )


def programmes(*, unit: Unit, user: Any = None, after: str = "", size: int = 50) -> Any:
    """A commune's programmes, latest first (only the posted ones for the public)."""
    if user is None:
        qs = Programme.objects.filter(unit=unit).filter(POSTED)
    else:
        qs = scoped_for(Programme.objects.all(), user, "records.read", path_field=PATH)
        qs = qs.filter(unit__path__startswith=unit.path)
    return dated_page(_listed(qs), field="handed_on", after=after, size=size, descending=True)


def _full(qs: QuerySet[Programme]) -> QuerySet[Programme]:
    return qs.select_related("unit").prefetch_related(
        Prefetch("recipients", queryset=Recipient.objects.select_related("household")),
        Prefetch("objections", queryset=Objection.objects.select_related("recipient__household")),
    )


def programme_get(*, user: Any, pk: int, action: str = "records.read") -> Programme:
    return get_or_404(_full(Programme.objects.all()), user, action, path_field=PATH, pk=pk)


def public_get(*, pk: int) -> Programme:
    return get_object_or_404(_full(Programme.objects.filter(POSTED)), pk=pk)


def objection_get(*, user: Any, pk: int) -> Objection:
    return get_or_404(
        Objection.objects.select_related("programme", "programme__unit"),
        user,
        "mobilisation.write",
        path_field="programme__unit__path",
        pk=pk,
    )
