from django.urls import path

from coso.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("units/<str:code>/", views.unit_detail, name="unit"),
    path("app/", views.official_home, name="official_home"),
    path("audit/", views.audit_heads, name="audit"),
]
