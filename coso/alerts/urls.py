from django.urls import path

from coso.alerts import views

app_name = "alerts"
urlpatterns = [
    path("app/units/<str:code>/warnings/", views.unit_list, name="list"),
    path(
        "app/units/<str:code>/warnings/<int:pk>/acknowledge/",
        views.acknowledge,
        name="acknowledge",
    ),
    path("app/units/<str:code>/warnings/<int:pk>/followup/", views.followup, name="followup"),
]
