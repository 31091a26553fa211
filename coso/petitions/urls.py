from django.urls import path, re_path

from coso.petitions import prints, views

app_name = "petitions"
urlpatterns = [
    path("petitions/new/", views.submit, name="submit"),
    path("petitions/communes/", views.commune_options, name="commune_options"),
    path("petitions/track/", views.track, name="track"),
    path("app/units/<str:code>/petitions/", views.worklist, name="worklist"),
    path("app/units/<str:code>/petitions/new/", views.intake, name="intake"),
    path("app/units/<str:code>/petitions/rollup/", views.rollup, name="rollup"),
    path("app/units/<str:code>/reception/", views.schedule, name="schedule"),
    path("app/reception/<int:pk>/", views.session_detail, name="session"),
    path("app/petitions/<int:pk>/", views.detail, name="detail"),
    path("app/petitions/<int:pk>/receipt/", prints.receipt, name="receipt"),
    path("app/petitions/<int:pk>/accept/", views.accept, name="accept"),
    path("app/petitions/<int:pk>/refuse/", views.refuse, name="refuse"),
    path("app/petitions/<int:pk>/extend/", views.extend, name="extend"),
    path("app/petitions/<int:pk>/resolve/", views.resolve, name="resolve"),
    path("app/petitions/<int:pk>/transfer/", views.transfer, name="transfer"),
    path("app/petitions/<int:pk>/suspend/", views.suspend, name="suspend"),
    path("app/petitions/<int:pk>/resume/", views.resume, name="resume"),
    path("app/petitions/<int:pk>/identity/", views.identity, name="identity"),
    path("app/petitions/files/<int:pk>/", views.attachment_file, name="attachment"),
]

from coso.petitions import open311  # noqa: E402

# GeoReport v2 names its format by the suffix: .json or .xml.
FMT = r"\.(?P<fmt>json|xml)$"
urlpatterns += [
    re_path(r"^open311/discovery" + FMT, open311.discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services" + FMT, open311.services_list, name="open311_services"),
    re_path(
        r"^open311/v2/services/(?P<code>[^/]+?)" + FMT,
        open311.service_definition,
        name="open311_service",
    ),
    re_path(r"^open311/v2/requests" + FMT, open311.requests_list, name="open311_requests"),
    re_path(
        r"^open311/v2/requests/(?P<code>[^/]+?)" + FMT,
        open311.request_detail,
        name="open311_request",
    ),
    path("open311/v2/media/<str:token>", open311.media, name="open311_media"),
]
