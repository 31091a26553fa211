from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "coso.alerts"
    verbose_name = _("Cảnh báo biểu hiện mất dân chủ")
    default_auto_field = "django.db.models.BigAutoField"
