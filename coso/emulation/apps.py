from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "coso.emulation"
    verbose_name = _("Thi đua, khen thưởng")
    default_auto_field = "django.db.models.BigAutoField"
