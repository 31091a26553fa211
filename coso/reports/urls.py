from django.urls import path

from coso.reports import views

app_name = "reports"
urlpatterns = [
    path("app/dashboard/", views.dashboard, name="dashboard"),
    path("app/dashboard.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("app/dashboard/<str:indicator>/", views.breakdown, name="breakdown"),
    path("app/units/<str:code>/dashboard/", views.dashboard, name="unit_dashboard"),
    path("app/units/<str:code>/dashboard.xlsx", views.dashboard_xlsx, name="unit_dashboard_xlsx"),
    path(
        "app/units/<str:code>/dashboard/<str:indicator>/",
        views.breakdown,
        name="unit_breakdown",
    ),
]
