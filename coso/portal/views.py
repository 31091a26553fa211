"""Public pages (no account needed) and the officials' home."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coso.accounts import selectors as accounts
from coso.core import audit, pagecache
from coso.core.permissions import PUBLIC, can, requires
from coso.core.scoping import scope_paths
from coso.decisions import selectors as decisions
from coso.dialogues import selectors as dialogues
from coso.disclosures import selectors as disclosures
from coso.emulation import selectors as emulation
from coso.petitions import selectors as petitions
from coso.reports import YEAR, period_of_kind
from coso.reports import selectors as reports
from coso.surveys import selectors as surveys
from coso.units import selectors as units
from coso.units.selectors import Unit, UnitKind


@requires(PUBLIC)
@pagecache.cached
def home(request: HttpRequest) -> HttpResponse:
    """The 34 provinces, and a search over every unit's name."""
    pagecache.depends_on(request, None)
    query = request.GET.get("q", "").strip()
    context: dict[str, object] = {
        "query": query,
        "results": units.unit_search(query=query) if query else None,
    }
    if request.headers.get("HX-Request"):
        return render(request, "portal/_search_results.html", context)
    context["provinces"] = units.provinces_with_counts()
    return render(request, "portal/home.html", context)


@requires(PUBLIC)
@pagecache.cached
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A province's communes, or a commune's villages with their household counts."""
    unit = units.unit_get_public(code=code)
    pagecache.depends_on(request, unit)
    query = request.GET.get("q", "").strip()
    children = units.children_with_counts(unit=unit, query=query)
    context: dict[str, object] = {
        "unit": unit,
        "children": children,
        "query": query,
        "ancestors": units.ancestors(unit=unit),
    }
    if request.headers.get("HX-Request"):
        return render(request, "portal/_children.html", context)
    if unit.kind != UnitKind.PROVINCE:
        context["results"] = decisions.published_matters(unit=unit, limit=10)
    year_period = period_of_kind(YEAR, timezone.localdate())
    context["period"] = year_period
    values = reports.figures(unit=unit, period=year_period)
    context["figures"] = reports.headline(values)
    if unit.kind == UnitKind.COMMUNE:  # its residents' satisfaction, as surveys measured it
        context["satisfaction"] = reports.satisfaction_index(values, year_period)
    context["refreshed_at"] = reports.refreshed_at(period=year_period)
    if unit.kind in (UnitKind.PROVINCE, UnitKind.COMMUNE):
        year = timezone.localdate().year
        context["petition_stats"] = petitions.public_stats(unit=unit, year=year)
        context["year"] = year
        context["check"] = dialogues.dialogue_year(unit=unit, year=year)
    if unit.kind != UnitKind.PROVINCE:
        context["emulation"] = emulation.public_runs(unit)
        context["surveys"] = surveys.public_runs(unit)
    if disclosures.discloses(unit=unit):
        # What a commune (agency, enterprise) has made public, newest first.
        context["disclosures"] = disclosures.public_disclosures(unit=unit, size=5)
    return render(request, "portal/unit_detail.html", context)


@requires(PUBLIC)
def audit_heads(request: HttpRequest) -> HttpResponse:
    """The audit log's signed head as each day began: anyone may copy them down, so a
    history rewritten later contradicts what was published."""
    return render(request, "portal/audit.html", {"heads": audit.daily_heads()})


def _role_units(user: Any) -> list[Unit]:
    """The units the user holds a role in (the provinces for a nationwide role)."""
    ids = accounts.role_unit_ids(user=user)
    if ids is None:
        return list(units.provinces_with_counts())
    return list(units.current_units().filter(pk__in=ids).order_by("path"))


@requires("records.read")
def official_home(request: HttpRequest) -> HttpResponse:
    """The units this official holds a role in; for the steering committees' monitoring
    roles, their dashboard (the nation's, or their one unit's)."""
    nationwide = scope_paths(request.user) is None
    roots = _role_units(request.user)
    if accounts.monitors_only(user=request.user):
        if nationwide:
            return redirect("reports:dashboard")
        if len(roots) == 1:
            return redirect("reports:unit_dashboard", code=roots[0].code)
    # The field page, for those the matrix lets record work offline (field.sync).
    field = can(request.user, "field.sync")
    return render(
        request,
        "portal/official_home.html",
        {"roots": roots, "nationwide": nationwide, "field": field},
    )
