from django.urls import path

from coso.dialogues import views

app_name = "dialogues"
urlpatterns = [
    path("units/<str:code>/dialogues/", views.public_list, name="public_list"),
    path("dialogues/<int:pk>/", views.public_detail, name="public_detail"),
    path("app/units/<str:code>/meetings/", views.meeting_list, name="list"),
    path("app/units/<str:code>/meetings/new/", views.meeting_new, name="new"),
    path("app/units/<str:code>/visits/new/", views.visit_new, name="visit_new"),
    path("app/meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("app/meetings/<int:pk>/questions/", views.item_add, name="item_add"),
    path("app/meetings/<int:pk>/commitments/", views.commitment_add, name="commitment_add"),
    path("app/meetings/<int:pk>/conclusions/", views.conclusion_add, name="conclusion_add"),
]
