from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "coso.followups"
    verbose_name = _("Việc cần theo dõi")
    default_auto_field = "django.db.models.BigAutoField"
