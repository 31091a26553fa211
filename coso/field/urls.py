from django.urls import path

from coso.field import views

app_name = "field"
urlpatterns = [
    path("field/", views.page, name="page"),
    path("field/data.json", views.data, name="data"),
    path("field/sync", views.sync, name="sync"),
    path("field/sw.js", views.worker, name="worker"),
    path("field/manifest.webmanifest", views.webmanifest, name="webmanifest"),
]
