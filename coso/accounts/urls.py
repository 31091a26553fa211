from django.urls import path

from coso.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("oidc/start/", views.oidc_start, name="oidc_start"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("", views.account, name="account"),
    path("password/", views.password_change, name="password"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
