from django.urls import path

from coso.ratings import views

app_name = "ratings"
urlpatterns = [
    path("ratings/rate/", views.rate, name="rate"),
    path("ratings/thanks/", views.thanks, name="thanks"),
    path("app/units/<str:code>/ratings/", views.unit_list, name="list"),
]
