from django.urls import path

from coso.disclosures import prints, views

app_name = "disclosures"
urlpatterns = [
    path("units/<str:code>/disclosures/", views.public_list, name="public_list"),
    path("units/<str:code>/disclosures/feed.atom", views.unit_feed, name="feed"),
    path("d/<uuid:series>/", views.public_detail, name="public_detail"),
    path("d/<uuid:series>/notice/", prints.notice, name="notice"),
    path("files/<int:pk>/", views.attachment_file, name="attachment"),
    path("app/units/<str:code>/disclosures/", views.official_list, name="official_list"),
    path("app/units/<str:code>/disclosures/new/", views.publish, name="publish"),
    path("app/units/<str:code>/compliance/", views.compliance, name="compliance"),
    path("app/disclosures/<int:pk>/amend/", views.amend, name="amend"),
    path("app/disclosures/<int:pk>/take-down/", views.take_down, name="take_down"),
]
