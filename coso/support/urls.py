from django.urls import path

from coso.support import views

app_name = "support"
urlpatterns = [
    path("units/<str:code>/support/", views.public_list, name="public_list"),
    path("support/<int:pk>/", views.public_detail, name="public_detail"),
    path("app/units/<str:code>/support/", views.official_list, name="list"),
    path("app/units/<str:code>/support/new/", views.new, name="new"),
    path("app/support/<int:pk>/", views.detail, name="detail"),
    path("app/support/<int:pk>/households/", views.add, name="add"),
    path("app/support/<int:pk>/post/", views.post, name="post"),
    path("app/support/objections/<int:pk>/answer/", views.answer, name="answer"),
]
