"""Final results, public: a unit's list, and a run's ranking with every line."""

from django.http import HttpRequest, HttpResponse

from coso.core.permissions import PUBLIC, requires
from coso.emulation import exports, selectors
from coso.units import selectors as units
from coso.units import unit_page


@requires(PUBLIC)
def public_unit(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_public(code=code)
    return unit_page(
        request, "emulation/public_unit.html", unit, public=True, found=selectors.public_runs(unit)
    )


@requires(PUBLIC)
def public_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.public_run_get(pk=pk)
    return unit_page(
        request,
        "emulation/run.html",
        run.scope,
        public=True,
        run=run,
        results=exports.explained(run),
        free_text=False,
    )
