from django.urls import path

from coso.notices import views

app_name = "notices"
urlpatterns = [
    path("notices/callback/esms/<str:secret>/", views.esms_callback, name="esms_callback"),
    path("notices/callback/zalo/<str:secret>/", views.zalo_callback, name="zalo_callback"),
]
