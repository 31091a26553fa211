"""Officials' pages for a unit: its sub-units, or its households (which the people app
keeps, above units: asked through `coso.core.hooks`)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from coso.core import hooks
from coso.core.pagination import int_key
from coso.core.permissions import can, requires
from coso.units import selectors
from coso.units.models import UnitKind
from coso.units.pages import unit_page


def _after(request: HttpRequest) -> int | None:
    return int_key(request.GET.get("after"))


@requires("records.read")
def official_unit(request: HttpRequest, code: str) -> HttpResponse:
    """A unit's sub-units; or its households — by name for those who may read personal
    data, as figures for everyone else."""
    unit = selectors.unit_get_for_user(user=request.user, code=code)
    query = request.GET.get("q", "").strip()
    context: dict[str, Any] = {
        "query": query,
        "exporter": unit.is_community and can(request.user, "households.export", path=unit.path),
    }
    households = unit.is_community or request.GET.get("view") == "households"
    if households and not can(request.user, "personal.read", path=unit.path):
        context["figures"] = hooks.ask("units.household_figures")(under=unit)
        template = "units/figures.html"
    elif households:
        context["page"] = hooks.ask("units.households_page")(
            user=request.user,
            under=unit,
            after=_after(request),
            size=settings.PAGE_SIZE,
            query=query,
        )
        template = "units/households.html"
    else:
        context["children"] = selectors.children_with_counts(unit=unit, query=query)
        context["is_commune"] = unit.kind == UnitKind.COMMUNE
        template = "units/official_unit.html"
    if request.headers.get("HX-Request") and "figures" not in context:
        template = template.replace("units/", "units/_")
    return unit_page(request, template, unit, **context)
