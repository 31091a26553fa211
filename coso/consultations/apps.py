from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "coso.consultations"
    verbose_name = _("Nhân dân tham gia ý kiến")
    default_auto_field = "django.db.models.BigAutoField"
