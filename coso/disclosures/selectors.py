"""Reads of disclosures: public lists and pages, officials' lists, compliance."""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from coso.core.pagination import Page, keyset_page
from coso.core.permissions import can, get_or_404
from coso.core.scoping import scoped
from coso.core.text import fold
from coso.disclosures import catalogues
from coso.disclosures.models import Disclosure
from coso.units.selectors import Unit, UnitKind


def discloses(*, unit: Unit) -> bool:
    """Whether `unit` has a catalogue of what it must make public (a commune, an agency,
    an enterprise)."""
    return catalogues.rules_for(unit) is not None


def public_disclosures(
    *, unit: Unit, query: str = "", category: str = "", after: int | None = None, size: int = 50
) -> Page[Disclosure]:
    """What `unit` has up now, newest first, searchable without diacritics."""
    qs = Disclosure.objects.filter(unit=unit, is_current=True, taken_down_on__isnull=True)
    if category:
        qs = qs.filter(category=category)
    if query.strip():
        qs = qs.filter(search_text__contains=fold(query))
    return keyset_page(qs, key="id", after=after, size=size, descending=True)


def disclosure_visible_get(*, user: Any, series: uuid.UUID | str) -> Disclosure:
    """The current version of a disclosure by its stable public id: for anyone while it
    is up; once taken down, only for officials who reach its unit. Everyone else gets
    404, as for an id that never existed or is not an id at all."""
    try:
        key = uuid.UUID(str(series))
    except ValueError as error:
        raise Http404 from error
    found = (
        Disclosure.objects.select_related("unit")
        .prefetch_related("attachments")
        .filter(series=key, is_current=True)
        .first()
    )
    if found is None or not (found.is_up or can(user, "records.read", path=found.unit.path)):
        raise Http404
    return found


def disclosure_history(*, disclosure: Disclosure) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(series=disclosure.series).order_by("-version")


def disclosures_for_user(*, user: Any) -> QuerySet[Disclosure]:
    return scoped(Disclosure.objects.all(), user, path_field="unit__path")


def disclosure_get(*, user: Any, pk: int, action: str = "records.read") -> Disclosure:
    return get_or_404(
        Disclosure.objects.select_related("unit"), user, action, path_field="unit__path", pk=pk
    )


def unit_disclosures_page(
    *, user: Any, unit: Unit, after: int | None, size: int, query: str = ""
) -> Page[Disclosure]:
    """Every current-version disclosure of the unit, up or taken down, for its officials."""
    qs = disclosures_for_user(user=user).filter(unit=unit, is_current=True)
    if query.strip():
        qs = qs.filter(search_text__contains=fold(query))
    return keyset_page(qs, key="id", after=after, size=size, descending=True)


def _in_period(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    """Up at some time during [start, end]."""
    return Q(**{f"{prefix}is_current": True, f"{prefix}posted_on__lte": end}) & (
        Q(**{f"{prefix}taken_down_on__isnull": True}) | Q(**{f"{prefix}taken_down_on__gte": start})
    )


@dataclass(frozen=True)
class Compliance:
    unit: Unit
    start: dt.date
    end: dt.date
    missing: list[dict[str, Any]]
    covered: list[dict[str, Any]]
    early: list[Disclosure]
    late: list[Disclosure]

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.covered)


def unit_compliance(*, unit: Unit, start: dt.date, end: dt.date) -> Compliance:
    """Which mandatory categories had nothing up during the period, which disclosures
    came down early and which were posted late — two queries."""
    in_period = Disclosure.objects.filter(_in_period(start, end), unit=unit)
    covered = set(in_period.values_list("category", flat=True).distinct())
    flagged = list(in_period.filter(Q(taken_down_early=True) | Q(is_late=True)).order_by("id"))
    mandatory = [i for i in catalogues.items(unit, on=end) if i.get("mandatory")]
    return Compliance(
        unit=unit,
        start=start,
        end=end,
        missing=[i for i in mandatory if i["key"] not in covered],
        covered=[i for i in mandatory if i["key"] in covered],
        early=[d for d in flagged if d.taken_down_early],
        late=[d for d in flagged if d.is_late],
    )


def communes_compliance(*, province: Unit, start: dt.date, end: dt.date) -> list[Unit]:
    """The province's communes ranked by how many mandatory categories they covered in
    the period, with their early and late counts — one aggregate query."""
    mandatory = catalogues.mandatory_keys(Unit(kind=UnitKind.COMMUNE), on=end)
    period = _in_period(start, end, prefix="disclosures__")
    communes = (
        Unit.objects.filter(parent=province, kind=UnitKind.COMMUNE, valid_to__isnull=True)
        .annotate(
            covered=Count(
                "disclosures__category",
                distinct=True,
                filter=period & Q(disclosures__category__in=mandatory),
            ),
            early=Count("disclosures", filter=period & Q(disclosures__taken_down_early=True)),
            late=Count("disclosures", filter=period & Q(disclosures__is_late=True)),
        )
        .order_by("-covered", "early", "late", "search_name")
    )
    ranked: list[Unit] = list(communes)
    for commune in ranked:
        commune.mandatory = len(mandatory)  # type: ignore[attr-defined]
        commune.missing = len(mandatory) - commune.covered  # type: ignore[attr-defined]
        commune.percent = round(100 * commune.covered / len(mandatory)) if mandatory else 100  # type: ignore[attr-defined]
    return ranked
