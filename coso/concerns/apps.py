from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "coso.concerns"
    verbose_name = _("Tâm tư, nguyện vọng của Nhân dân")
    default_auto_field = "django.db.models.BigAutoField"
