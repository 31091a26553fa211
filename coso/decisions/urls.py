from django.urls import path

from coso.decisions import prints, views

app_name = "decisions"
urlpatterns = [
    path("app/units/<str:code>/matters/", views.matter_list, name="list"),
    path("app/units/<str:code>/matters/new/", views.matter_new, name="new"),
    path("app/matters/<int:pk>/", views.matter_detail, name="matter"),
    path("app/matters/<int:pk>/open/", views.matter_open, name="open"),
    path("app/matters/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("app/matters/<int:pk>/counts/", views.counts, name="counts"),
    path("app/matters/<int:pk>/key-in/", views.key_in, name="key_in"),
    path("app/matters/<int:pk>/count/", views.matter_count, name="count"),
    path("app/matters/<int:pk>/count-with-shares/", views.count_encrypted, name="count_encrypted"),
    path("app/matters/<int:pk>/board/<int:index>/saved/", views.share_saved, name="share_saved"),
    path("app/matters/<int:pk>/publish/", views.matter_publish, name="publish"),
    path("app/matters/<int:pk>/void/", views.matter_void, name="void"),
    path("app/matters/<int:pk>/correct/", views.correct, name="correct"),
    path("app/matters/<int:pk>/codes/", views.code_sheet, name="codes"),
    path("app/matters/<int:pk>/minutes.docx", views.minutes_file, name="minutes"),
    path("app/matters/<int:pk>/minutes/", prints.minutes, name="minutes_print"),
    path("m/<int:pk>/", views.public_result, name="public_result"),
    path("m/<int:pk>/record.json", views.round_record, name="round_record"),
    path("m/<int:pk>/receipt/", views.receipt_check, name="receipt_check"),
    path("vote/", views.vote, name="vote"),
    path("vote/<int:pk>/", views.vote_signed_in, name="vote_signed_in"),
]
