from django.contrib.auth import views as auth_views
from django.urls import path

from coso.core.permissions import PUBLIC, requires
from coso.core.ratelimit import limit_posts

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        requires(PUBLIC)(
            limit_posts("signin")(auth_views.LoginView.as_view(template_name="accounts/login.html"))
        ),
        name="login",
    ),
    path("logout/", requires(PUBLIC)(auth_views.LogoutView.as_view()), name="logout"),
]
