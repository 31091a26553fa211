from django.urls import path

from coso.oversight import views

app_name = "oversight"
urlpatterns = [
    path("units/<str:code>/pib/", views.public, name="public"),
    path("app/units/<str:code>/pib/", views.board, name="board"),
    path("app/units/<str:code>/pib/members/", views.members_import, name="members_import"),
    path("app/units/<str:code>/pib/plans/", views.plan_new, name="plan_new"),
    path("app/units/<str:code>/pib/report/", views.report, name="report"),
    path("app/pib/plans/<int:pk>/", views.plan, name="plan"),
    path("app/pib/plans/<int:pk>/findings/", views.findings, name="findings"),
    path("app/pib/plans/<int:pk>/recommendations/", views.recommend, name="recommend"),
]
