"""Reads of ratings: the case a resident may rate (by its code, or as the household that
raised it), read through the petitions' and follow-ups' own selectors and services; and
a unit's ratings for its officials, newest first, keyset-paginated in a fixed number of
queries. A comment is read only by those who may read personal data (`personal.read`):
the others get the scores and figures, and an empty comment from the query itself."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet, Value
from django.http import Http404

from coso.core.pagination import count_up_to, dated_page
from coso.core.permissions import can, scoped_for
from coso.followups import selectors as followups
from coso.followups import services as followup_services
from coso.petitions import selectors as petitions
from coso.ratings.models import Kind, Rating, Score
from coso.units.selectors import Unit, units_under

__all__ = ["Case", "Kind", "Rating", "RatingPage", "case_by_code", "case_of_household"]

PATH = "unit__path"
# Columns a list shows; the comment only as `shown_comment`, empty unless allowed.
LIST_FIELDS = (
    "id",
    "kind",
    "petition_id",
    "followup_id",
    "unit_id",
    "unit__name",
    "unit__code",
    "title",
    "rated_on",
    "satisfied",
    "rule_version",
    "channel",
    "created_at",
)


@dataclass(frozen=True)
class Case:
    """A petition or a follow-up as the rating sees it: what it is, where, and whether
    it may be rated now (a petition resolved, a follow-up done)."""

    kind: str
    pk: int
    unit: Unit
    title: str
    ready: bool
    status: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"


def _petition_case(petition: Any) -> Case:
    return Case(
        Kind.PETITION,
        petition.pk,
        petition.unit,
        petition.subject[:200],
        petition.status == petitions.Status.RESOLVED,
        petition.get_status_display(),
    )


def _followup_case(followup: Any) -> Case:
    return Case(
        Kind.FOLLOWUP,
        followup.pk,
        followup.unit,
        followup.text[:200],
        followup.status == followups.Status.DONE,
        followup.get_status_display(),
    )


def case_by_code(code: str) -> Case | None:
    """The case a tracking code (a petition's) or a confirmation code (a follow-up's)
    names, or None."""
    try:
        return _petition_case(petitions.petition_track(code=code))
    except Http404:
        pass
    found = followup_services.followup_by_code(code) if code.strip() else None
    return _followup_case(found) if found is not None else None


def case_of_household(*, household: Any, key: str) -> Case | None:
    """The case `key` ("petition:12", "followup:7") if `household` raised it (it sent
    the petition, or entered the follow-up's code, signed in), else None."""
    kind, _sep, pk_text = key.partition(":")
    if not pk_text.isdigit():
        return None
    if kind == Kind.PETITION:
        petition = petitions.of_household(household=household).filter(pk=int(pk_text)).first()
        return _petition_case(petition) if petition is not None else None
    if kind == Kind.FOLLOWUP:
        followup = followups.raised_by(household=household).filter(pk=int(pk_text)).first()
        return _followup_case(followup) if followup is not None else None
    return None


def is_rated(case: Case) -> bool:
    return Rating.objects.filter(**{case.kind: case.pk}).exists()


@dataclass(frozen=True)
class RatingPage:
    items: Sequence[Rating]
    next_after: str | None
    count: int
    more: bool
    personal: bool  # whether the comments were read


def _filtered(
    qs: QuerySet[Rating], kind: str, satisfied: str, criterion: str, query: str, personal: bool
) -> QuerySet[Rating]:
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    if satisfied in ("yes", "no"):
        yes = satisfied == "yes"
        if criterion:
            qs = qs.filter(scores__criterion=criterion, scores__satisfied=yes)
        else:
            qs = qs.filter(satisfied=yes)
    query = query.strip()
    if query:
        words = Q(title__icontains=query)
        if personal:  # comments are searched only by those who may read them
            words |= Q(comment__icontains=query)
        qs = qs.filter(words)
    return qs


def unit_ratings(
    *,
    user: Any,
    unit: Unit,
    kind: str = "",
    satisfied: str = "",
    criterion: str = "",
    query: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    after: str = "",
    size: int = 50,
) -> RatingPage:
    """The ratings of cases of `unit` and the units below it, newest first, with their
    scores and count — three queries whatever the page's length."""
    personal = can(user, "personal.read", path=unit.path)
    qs = scoped_for(Rating.objects.all(), user, "records.read", path_field=PATH).filter(
        unit__in=units_under(unit=unit)
    )
    if start is not None:
        qs = qs.filter(rated_on__gte=start)
    if end is not None:
        qs = qs.filter(rated_on__lte=end)
    qs = _filtered(qs, kind, satisfied, criterion, query, personal)
    listed = (
        qs.select_related("unit")
        .only(*LIST_FIELDS)
        .annotate(shown_comment=F("comment") if personal else Value(""))
        .prefetch_related(Prefetch("scores", queryset=Score.objects.order_by("id")))
    )
    rows, next_after = dated_page(listed, field="rated_on", after=after, size=size, descending=True)
    count, more = count_up_to(qs)
    return RatingPage(rows, next_after, count, more, personal)
