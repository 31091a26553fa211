from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldConfig(AppConfig):
    name = "coso.field"
    verbose_name = _("Làm việc tại thôn, bản (không cần mạng)")
    default_auto_field = "django.db.models.BigAutoField"
