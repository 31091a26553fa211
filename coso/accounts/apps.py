from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "coso.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và vai trò")

    def ready(self) -> None:
        from django.apps import apps
        from django.contrib.auth.signals import user_logged_in
        from django.db.models import Model
        from django.db.models.signals import post_delete, post_save
        from django_otp.models import Device

        from coso.accounts import backends
        from coso.accounts.middleware import mark_seen
        from coso.accounts.models import RoleAssignment, User

        user_logged_in.connect(mark_seen, dispatch_uid="coso.accounts.mark_seen")
        holders: list[type[Model]] = [RoleAssignment]
        holders += [model for model in apps.get_models() if issubclass(model, Device)]
        for signal in (post_save, post_delete):
            signal.connect(backends.forget_user, sender=User, dispatch_uid="coso.forget_user")
            for holder in holders:
                signal.connect(
                    backends.forget_holder,
                    sender=holder,
                    dispatch_uid=f"coso.forget.{holder._meta.label}",
                )
            signal.connect(
                backends.forget_everyone, sender="units.Unit", dispatch_uid="coso.forget_all"
            )
