from django.urls import path

from coso.oversight import projects, views

app_name = "oversight"
urlpatterns = [
    path("units/<str:code>/pib/", views.public, name="public"),
    path("app/units/<str:code>/pib/", views.board, name="board"),
    path("app/units/<str:code>/pib/members/", views.members_import, name="members_import"),
    path("app/units/<str:code>/pib/roles/", views.board_roles, name="board_roles"),
    path("app/units/<str:code>/pib/plans/", views.plan_new, name="plan_new"),
    path("app/units/<str:code>/pib/report/", views.report, name="report"),
    path("app/pib/plans/<int:pk>/", views.plan, name="plan"),
    path("app/pib/plans/<int:pk>/findings/", views.findings, name="findings"),
    path("app/pib/plans/<int:pk>/recommendations/", views.recommend, name="recommend"),
    path("units/<str:code>/projects/", projects.public_list, name="public_projects"),
    path("projects/<int:pk>/", projects.public_detail, name="public_project"),
    path("app/units/<str:code>/projects/", projects.official_list, name="projects"),
    path("app/units/<str:code>/projects/new/", projects.new, name="project_new"),
    path("app/projects/<int:pk>/", projects.detail, name="project"),
    path("app/projects/<int:pk>/money/", projects.money_record, name="project_money"),
    path("app/projects/<int:pk>/dues/", projects.dues, name="project_dues"),
    path("app/projects/<int:pk>/board/roles/", projects.board_roles, name="project_roles"),
    path("app/projects/<int:pk>/visits/", projects.visit, name="project_visit"),
    path("app/projects/<int:pk>/board/", projects.board_from_election, name="project_board"),
]
