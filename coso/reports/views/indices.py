"""The indices of a unit: the officials' page (each number a link to its records) and
the public page (figures only, for anyone)."""

from django.http import HttpRequest, HttpResponse

from coso.core import pagecache
from coso.core.permissions import PUBLIC, requires
from coso.reports import index_page
from coso.reports.views.dashboards import ACTION, period_asked
from coso.units import selectors as units
from coso.units import unit_page


@requires(ACTION)
def unit_indices(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action=ACTION)
    period, problem = period_asked(request)
    context = index_page.page(unit=unit, period=period, linked=True)
    return unit_page(request, "reports/indices.html", unit, problem=problem, **context)


@requires(PUBLIC)
@pagecache.cached
def public_indices(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_public(code=code)
    pagecache.depends_on(request, unit)
    period, problem = period_asked(request)
    context = index_page.page(unit=unit, period=period, linked=False)
    return unit_page(request, "reports/indices.html", unit, public=True, problem=problem, **context)
