from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "coso.exemplars"
    verbose_name = _("Mô hình “Dân vận khéo”")
    default_auto_field = "django.db.models.BigAutoField"
