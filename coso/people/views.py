"""Officials' pages for households."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from coso.core.downloads import attachment
from coso.core.permissions import requires
from coso.people import exports, selectors
from coso.units import selectors as units


@requires("personal.read")
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_get(user=request.user, pk=pk)
    return render(
        request,
        "people/household_detail.html",
        {
            "household": household,
            "members": selectors.household_members(household=household),
            "ancestors": units.ancestors(unit=household.village, user=request.user)
            + [household.village],
            "official": True,
        },
    )


@requires("households.export")
def village_export(request: HttpRequest, code: str) -> HttpResponse:
    """The village's household list as XLSX, in the columns the import reads; each
    download is written to the audit log."""
    village = units.unit_get_for_user(user=request.user, code=code, action="households.export")
    if not village.is_community:
        raise Http404
    content = exports.households_export(actor=request.user, village=village)
    return attachment(content, f"ho-gia-dinh-{slugify(village.search_name) or village.code}.xlsx")
