from django.urls import path

from coso.followups import views

app_name = "followups"
urlpatterns = [
    path("followups/respond/", views.respond, name="respond"),
    path("app/units/<str:code>/followups/", views.worklist, name="worklist"),
    path("app/followups/<int:pk>/", views.detail, name="detail"),
    path("app/followups/<int:pk>/move/", views.move, name="move"),
    path("app/followups/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("app/followups/files/<int:pk>/", views.evidence_file, name="evidence"),
]
