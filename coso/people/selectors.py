"""Reads of households: an official's, always scoped to the units the user holds a role
in; other apps' (unscoped: the caller has checked its actor) to add their own filters
and annotations. Other apps name the types `Household`, `Resident` and `Relation` from
here, never from `people.models`."""

from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Contains, In
from django.utils import timezone

from coso import rules
from coso.core.pagination import Page, count_of, keyset_page
from coso.core.permissions import get_or_404, scoped_for
from coso.core.text import fold
from coso.people.models import Household, Relation, Resident
from coso.units.selectors import Unit, units_under

PATH = "village__path"
# What a list of households shows (the page, the API): a row costs what it reads.
LIST_FIELDS = ("id", "code", "address", "village_id", "village__code", "village__name")

__all__ = [
    "Household",
    "Relation",
    "Resident",
    "commune_households",
    "head_name",
    "household_figures",
    "household_get",
    "household_members",
    "households_for_user",
    "households_page",
    "households_under",
    "phones_of",
    "representatives_of",
    "representatives_under",
    "village_households",
]


def village_households(*, village: Unit) -> QuerySet[Household]:
    """The village's households."""
    return Household.objects.filter(village=village)


def commune_households(*, commune: Unit) -> QuerySet[Household]:
    """The households of the commune's villages."""
    return Household.objects.filter(village__parent=commune)


def households_under(*, unit: Unit) -> QuerySet[Household]:
    """The households anywhere under `unit` (or in it, for a village)."""
    return Household.objects.filter(village__path__startswith=unit.path)


def phones_of(*, households: QuerySet[Household]) -> list[tuple[int, str]]:
    """(id, phone) of each of `households` that has a phone, in one query: who a notice
    to households (a vote opened, a consultation opened) can reach, and where."""
    return list(households.exclude(phone="").order_by("id").values_list("id", "phone"))


def representatives_under(*, unit: Unit) -> QuerySet[Resident]:
    """Each household's representative, for the households under `unit`."""
    return Resident.objects.filter(
        household__village__path__startswith=unit.path, is_representative=True
    )


def representatives_of(*, households: Iterable[Household]) -> QuerySet[Resident]:
    """The representatives of these households."""
    return Resident.objects.filter(household__in=households, is_representative=True)


def head_name(household_ref: str) -> Subquery:
    """The name of the household's head (chủ hộ) — or, on a list without one, of its
    representative — as an expression for `annotate()` beside the household's id
    field `household_ref`: one subquery, not one query per household."""
    rank = Case(
        When(relation=Relation.HEAD, then=Value(0)),
        When(is_representative=True, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return Subquery(
        Resident.objects.filter(household_id=OuterRef(household_ref))
        .annotate(rank=rank)
        .filter(rank__lt=2)
        .order_by("rank", "id")
        .values("full_name")[:1]
    )


def households_for_user(*, user: Any) -> QuerySet[Household]:
    """Households in the units where the user may read personal data."""
    return scoped_for(Household.objects.all(), user, "personal.read", path_field=PATH)


def household_figures(*, under: Unit) -> dict[str, int]:
    """How many households and residents live under `under`, by sex and by age — the
    figures monitoring roles see instead of people (one aggregate query)."""
    today = timezone.localdate()
    # Born on or before this day: of age today (Civil Code art. 20, in the rulebook).
    adult_age = rules.value("person.adult_age", on=today)
    born_by = rules.add_months(today, -12 * adult_age)
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
        .only(*LIST_FIELDS)
        .annotate(
            representative_name=Subquery(representative.order_by().values("full_name")[:1]),
            member_count=Coalesce(count_of(Resident.objects.all(), "household"), 0),
        )
    )
    query = query.strip()
    if query:
        qs = qs.filter(AmongFound(F("pk"), _found(query)))
    return keyset_page(qs, key="id", after=after, size=size)


def _found(query: str) -> QuerySet[Any]:
    """The ids of the households whose code contains `query` or a member's folded name
    contains it folded: a name that starts with it, or has it further on, as three
    reads joined by UNION ALL (an OR would read every household of the unit). On
    PostgreSQL each is an index's: the names' prefix index (it holds the household
    too, so the read stays in the index), the distinct names' suffix index, the codes'
    trigrams. A household found twice is listed once all the same (IN, ANY)."""
    piece = fold(query)
    starts = Resident.objects.filter(search_name__startswith=piece)
    inside = Resident.objects.filter(ContainsPastStart(F("search_name"), piece))
    coded = Household.objects.filter(code__icontains=query)
    return (
        starts.order_by()
        .values("household_id")
        .union(inside.order_by().values("household_id"), coded.order_by().values("id"), all=True)
    )


class ContainsPastStart(Contains):
    """The text contains the piece after its first character (LIKE '_%piece%').
    PostgreSQL reads the distinct names whose suffixes from the second character on
    have the piece as a prefix (their index, people migrations 0004 and 0005), then
    the residents bearing one of them (the names' prefix index)."""

    param_pattern = "_%%%s%%"

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        piece = self.rhs
        # The index leaves out the suffixes that start with a space, which a folded
        # piece never does; an empty piece is no tsquery word.
        if not piece or piece.startswith(" "):
            sql, like = self.as_sql(compiler, connection)
            return sql, list(like)
        if len(piece) >= Resident._meta.get_field("search_name").max_length:  # type: ignore[operator]
            return "FALSE", []  # no name has room for it past its first character
        lhs, params = self.process_lhs(compiler, connection)
        # A quoted tsquery word (a quote doubled, a backslash escaped), :* for a prefix.
        word = piece.replace("\\", "\\\\").replace("'", "''")
        names = "SELECT name FROM people_name WHERE people_name_suffixes(name) @@ %s::tsquery"
        return f"{lhs} = ANY(ARRAY({names}))", [*params, f"'{word}':*"]


class AmongFound(In):
    """`pk__in=<subquery>`, which PostgreSQL reads as `= ANY(ARRAY(<subquery>))`: the
    matches are collected first, then the page's households are read in key order from
    the primary key, stopping at the page's end. With IN, the planner, unsure how many
    rows the search finds, may rather walk the unit's households one by one."""

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        return f"{lhs} = ANY(ARRAY({rhs}))", [*lhs_params, *rhs_params]
