from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "coso.residents"
    verbose_name = _("Hộ gia đình đăng nhập")
    default_auto_field = "django.db.models.BigAutoField"
