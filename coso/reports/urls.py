from django.urls import path

from coso.reports.views import dashboards, indices, reports

app_name = "reports"
urlpatterns = [
    path("app/dashboard/", dashboards.dashboard, name="dashboard"),
    path("app/dashboard.xlsx", dashboards.dashboard_xlsx, name="dashboard_xlsx"),
    path("app/dashboard/<str:indicator>/", dashboards.breakdown, name="breakdown"),
    path("app/units/<str:code>/dashboard/", dashboards.dashboard, name="unit_dashboard"),
    path(
        "app/units/<str:code>/dashboard.xlsx", dashboards.dashboard_xlsx, name="unit_dashboard_xlsx"
    ),
    path(
        "app/units/<str:code>/dashboard/<str:indicator>/",
        dashboards.breakdown,
        name="unit_breakdown",
    ),
    path("app/units/<str:code>/reports/", reports.unit_reports, name="unit_reports"),
    path("app/units/<str:code>/indices/", indices.unit_indices, name="unit_indices"),
    path("units/<str:code>/indices/", indices.public_indices, name="public_indices"),
    path(
        "app/units/<str:code>/reports/<slug:type_code>/<str:period>/draft/",
        reports.draft,
        name="draft",
    ),
    path(
        "app/units/<str:code>/reports/<slug:type_code>/<str:period>/completeness/",
        reports.completeness,
        name="completeness",
    ),
    path(
        "app/units/<str:code>/reports/<slug:type_code>/<str:period>/remind/",
        reports.remind,
        name="remind",
    ),
    path(
        "app/reports/<slug:type_code>/<str:period>/completeness/",
        reports.completeness,
        name="national_completeness",
    ),
    path("app/reports/", reports.unit_reports, name="reports"),
    path("app/reports/<int:pk>/", reports.report_detail, name="report"),
    path("app/reports/<int:pk>/send/", reports.send, name="send"),
    path("app/reports/<int:pk>/review/", reports.review, name="review"),
    path("app/reports/<int:pk>/reopen/", reports.reopen, name="reopen"),
    path("app/reports/<int:pk>/report.docx", reports.report_docx, name="docx"),
    path("app/reports/<int:pk>/annex.xlsx", reports.report_xlsx, name="xlsx"),
]
