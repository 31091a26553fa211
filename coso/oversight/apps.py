from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "coso.oversight"
    verbose_name = _("Ban Thanh tra nhân dân")
    default_auto_field = "django.db.models.BigAutoField"
