from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "coso.notices"
    verbose_name = _("Thông báo")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from coso.core import health
        from coso.notices.selectors import oldest_unsent_age

        health.check_add("outbox", lambda: {"oldest_unsent_seconds": oldest_unsent_age()})
