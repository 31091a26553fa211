from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from coso.config.api import api
from coso.core.bare import bare
from coso.core.health import healthz

# The load benchmark's floor (bench/load.py), first so that finding it costs least;
# absent, so 404, everywhere else.
bench = [path("bench/bare", bare, name="bench_bare")] if settings.COSO_BENCH_BARE else []

urlpatterns = [
    *bench,
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("coso.accounts.urls")),
    path("", include("coso.portal.urls")),
    path("", include("coso.units.urls")),
    path("", include("coso.people.urls")),
    path("", include("coso.disclosures.urls")),
    path("", include("coso.decisions.urls")),
    path("", include("coso.petitions.urls")),
    path("", include("coso.followups.urls")),
    path("", include("coso.dialogues.urls")),
    path("", include("coso.exemplars.urls")),
    path("", include("coso.support.urls")),
    path("", include("coso.residents.urls")),
    path("", include("coso.consultations.urls")),
    path("", include("coso.oversight.urls")),
    path("", include("coso.reports.urls")),
]

handler500 = "coso.core.outage.server_error"
