from django.urls import path

from coso.surveys import views

app_name = "surveys"
urlpatterns = [
    path("app/units/<str:code>/surveys/", views.official_list, name="list"),
    path("app/units/<str:code>/surveys/new/", views.new, name="new"),
    path("app/surveys/<int:pk>/", views.detail, name="detail"),
    path("app/surveys/<int:pk>/draw/", views.draw, name="draw"),
    path("app/surveys/<int:pk>/links/", views.links, name="links"),
    path("app/surveys/<int:pk>/paper/", views.key_in, name="key_in"),
    path("app/surveys/<int:pk>/close/", views.close, name="close"),
    path("ho/khao-sat/", views.mine, name="mine"),
    path("ho/khao-sat/<int:pk>/", views.answer, name="answer"),
    path("s/<str:token>/", views.by_link, name="by_link"),
    path("khao-sat/cam-on/", views.thanks, name="thanks"),
]
