"""Reads of households, always scoped to the units the user holds a role in."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from coso.core.pagination import Page, keyset_page
from coso.core.scoping import get_for_user_or_404, scoped
from coso.people.models import Household, Resident
from coso.units.models import Unit

PATH = "village__path"


def households_for_user(*, user: Any) -> QuerySet[Household]:
    return scoped(Household.objects.all(), user, path_field=PATH)


def household_get(*, user: Any, pk: int) -> Household:
    """One household with its village; 404 when missing or outside the user's units."""
    return get_for_user_or_404(
        Household.objects.select_related("village", "village__parent"),
        user,
        path_field=PATH,
        pk=pk,
    )


def household_members(*, household: Household) -> QuerySet[Resident]:
    return household.members.order_by("-is_representative", "id")


def households_page(
    *, user: Any, under: Unit, after: int | None, size: int, query: str = ""
) -> Page[Household]:
    """A page of households under `under` with the representative's name and member
    count — one query whatever the page size."""
    representative = Resident.objects.filter(household=OuterRef("pk"), is_representative=True)
    qs = (
        households_for_user(user=user)
        .filter(village__path__startswith=under.path)
        .select_related("village")
        .annotate(
            representative_name=Subquery(representative.values("full_name")[:1]),
            member_count=Count("members"),
        )
    )
    query = query.strip()
    if query:
        named = Resident.objects.filter(household=OuterRef("pk"), full_name__icontains=query)
        qs = qs.filter(Q(code__icontains=query) | Q(Exists(named)))
    return keyset_page(qs, key="id", after=after, size=size)
