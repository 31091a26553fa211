from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from coso.config.api import api
from coso.core.bare import bare
from coso.core.health import healthz
from coso.core.manifests import manifests

# The load benchmark's floor (bench/load.py), first so that finding it costs least;
# absent, so 404, everywhere else.
bench = [path("bench/bare", bare, name="bench_bare")] if settings.COSO_BENCH_BARE else []

_pages = [(m.url_prefix, m.urls) for m in manifests() if m.urls]


def _portal_first(page: tuple[str, str]) -> bool:
    return page[1] != "coso.portal.urls"


urlpatterns = [
    *bench,
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Every app's pages, as its manifest declares them (coso/core/manifests.py). No two
    # apps claim one address (tests/test_manifests.py), so the order only sets what is
    # tried first: the public portal (the home page, the most visited), then the rest.
    *(path(prefix, include(urls)) for prefix, urls in sorted(_pages, key=_portal_first)),
]

handler500 = "coso.core.outage.server_error"
