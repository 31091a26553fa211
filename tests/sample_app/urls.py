from django.urls import path

from tests.sample_app import views

app_name = "sample"
urlpatterns = [
    path("app/units/<str:code>/sample/", views.unit_page, name="unit_page"),
]
