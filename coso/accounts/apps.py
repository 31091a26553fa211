from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "coso.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và vai trò")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from coso.accounts.middleware import mark_seen

        user_logged_in.connect(mark_seen, dispatch_uid="coso.accounts.mark_seen")
