from django.urls import path

from coso.units import views

app_name = "units"
urlpatterns = [
    path("app/units/<str:code>/", views.official_unit, name="official_unit"),
]
