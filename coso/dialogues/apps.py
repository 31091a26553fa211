from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "coso.dialogues"
    verbose_name = _("Đối thoại, tiếp xúc cử tri, làm việc")
    default_auto_field = "django.db.models.BigAutoField"
