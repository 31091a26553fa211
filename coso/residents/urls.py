from django.urls import path

from coso.residents import views

app_name = "residents"
urlpatterns = [
    path("ho/dang-nhap/", views.sign_in, name="sign_in"),
    path("ho/dang-nhap/sms/", views.sms, name="sms"),
    path("ho/ma-pin/", views.pin, name="pin"),
    path("ho/", views.home, name="home"),
    path("ho/dang-xuat/", views.sign_out, name="sign_out"),
    path("app/units/<str:code>/household-logins/", views.logins, name="logins"),
    path("app/household-logins/<int:pk>/revoke/", views.revoke, name="revoke"),
]
