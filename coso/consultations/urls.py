from django.urls import path

from coso.consultations import prints, views

app_name = "consultations"
urlpatterns = [
    path("units/<str:code>/consultations/", views.public_list, name="public_list"),
    path("consultations/<int:pk>/", views.public_detail, name="public_detail"),
    path("consultations/<int:pk>/draft/", prints.draft, name="draft"),
    path("consultations/<int:pk>/ket-qua.docx", views.public_docx, name="docx"),
    path("app/units/<str:code>/consultations/", views.official_list, name="list"),
    path("app/units/<str:code>/consultations/new/", views.new, name="new"),
    path("app/consultations/<int:pk>/", views.detail, name="detail"),
    path("app/consultations/<int:pk>/opinions/", views.record, name="record"),
    path("app/consultations/<int:pk>/close/", views.close, name="close"),
    path("app/consultations/<int:pk>/result/", views.result, name="result"),
    path("app/consultations/opinions/<int:pk>/answer/", views.answer, name="answer"),
]
