"""Reads of households, always scoped to the units the user holds a role in."""

from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from coso import rules
from coso.core.pagination import Page, count_of, keyset_page
from coso.core.permissions import get_or_404, scoped_for
from coso.core.text import fold
from coso.people.models import Household, Resident
from coso.rules.calendar import add_months
from coso.units.models import Unit
from coso.units.selectors import units_under

PATH = "village__path"


def households_for_user(*, user: Any) -> QuerySet[Household]:
    """Households in the units where the user may read personal data."""
    return scoped_for(Household.objects.all(), user, "personal.read", path_field=PATH)


def household_figures(*, under: Unit) -> dict[str, int]:
    """How many households and residents live under `under`, by sex and by age — the
    figures monitoring roles see instead of people (one aggregate query)."""
    today = timezone.localdate()
    # Born on or before this day: of age today (Civil Code art. 20, in the rulebook).
    adult_age = rules.value("person.adult_age", on=today)
    born_by = add_months(today, -12 * adult_age)
    figures = Resident.objects.filter(household__village__path__startswith=under.path).aggregate(
        households=Count("household", distinct=True),
        residents=Count("id"),
        women=Count("id", filter=Q(sex="F")),
        men=Count("id", filter=Q(sex="M")),
        adults=Count("id", filter=Q(date_of_birth__lte=born_by)),
    )
    return {**figures, "adult_age": adult_age}


def household_get(*, user: Any, pk: int) -> Household:
    """One household with its village; 404 when missing or outside the user's units."""
    return get_or_404(
        Household.objects.select_related("village", "village__parent"),
        user,
        "personal.read",
        path_field=PATH,
        pk=pk,
    )


def household_members(*, household: Household) -> QuerySet[Resident]:
    return household.members.order_by("-is_representative", "id")


def households_page(
    *, user: Any, under: Unit, after: int | None, size: int, query: str = ""
) -> Page[Household]:
    """A page of households under `under` with the representative's name and member
    count — one query whatever the page size or depth: the two figures are read for
    the rows of the page only. `query` matches a household code or part of a member's
    name, ignoring case and Vietnamese diacritics ("nguyen" finds "Nguyễn")."""
    representative = Resident.objects.filter(household=OuterRef("pk"), is_representative=True)
    qs = (
        households_for_user(user=user)
        .filter(village__in=units_under(unit=under))
        .select_related("village")
        .annotate(
            representative_name=Subquery(representative.order_by().values("full_name")[:1]),
            member_count=Coalesce(count_of(Resident.objects.all(), "household"), 0),
        )
    )
    query = query.strip()
    if query:
        # Two indexed reads joined by UNION (an OR would read every household of the
        # unit): trigram indexes serve both substrings on PostgreSQL.
        named = Resident.objects.filter(search_name__contains=fold(query))
        coded = Household.objects.filter(code__icontains=query)
        qs = qs.filter(
            pk__in=named.order_by().values("household_id").union(coded.order_by().values("id"))
        )
    return keyset_page(qs, key="id", after=after, size=size)
