from django.urls import path

from coso.exemplars import views

app_name = "exemplars"
urlpatterns = [
    path("units/<str:code>/exemplars/", views.gallery, name="gallery"),
    path("exemplars/<int:pk>/", views.public_detail, name="public_detail"),
    path("exemplars/photos/<int:pk>/", views.photo, name="photo"),
    path("app/units/<str:code>/exemplars/", views.registry, name="registry"),
    path("app/units/<str:code>/exemplars/new/", views.register, name="register"),
    path("app/exemplars/<int:pk>/", views.detail, name="detail"),
    path("app/exemplars/<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("app/exemplars/<int:pk>/recognise/", views.recognise, name="recognise"),
]
