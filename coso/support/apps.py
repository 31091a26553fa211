from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "coso.support"
    verbose_name = _("Hỗ trợ hộ gia đình (dân thụ hưởng)")
    default_auto_field = "django.db.models.BigAutoField"
