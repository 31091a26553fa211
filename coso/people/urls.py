from django.urls import path

from coso.people import views

app_name = "people"
urlpatterns = [
    path("app/households/<int:pk>/", views.household_detail, name="household"),
    path("app/units/<str:code>/households.xlsx", views.village_export, name="village_export"),
]
