"""The floor `bench/load.py` measures pages against: a short page behind Coso's whole
middleware stack, doing nothing else. Routed only when COSO_BENCH_BARE is set."""

from django.http import HttpRequest, HttpResponse

from coso.core.permissions import PUBLIC, requires

PAGE = "<!doctype html><html lang=vi><title>Coso</title><p>Coso</p></html>"


@requires(PUBLIC)
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE)
