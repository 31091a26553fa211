"""Officials' pages for a unit: its sub-units, or its households."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coso.people import selectors as people
from coso.units import selectors
from coso.units.models import UnitKind


def _after(request: HttpRequest) -> int | None:
    value = request.GET.get("after", "")
    return int(value) if value.isdigit() else None


@login_required
def official_unit(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, code=code)
    query = request.GET.get("q", "").strip()
    context = {
        "unit": unit,
        "query": query,
        "ancestors": selectors.ancestors(unit=unit, user=request.user),
        "official": True,
    }
    if unit.is_community or request.GET.get("view") == "households":
        context["page"] = people.households_page(
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
    if request.headers.get("HX-Request"):
        template = template.replace("units/", "units/_")
    return render(request, template, context)
