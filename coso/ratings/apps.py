from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "coso.ratings"
    verbose_name = _("Đánh giá kết quả giải quyết")
    default_auto_field = "django.db.models.BigAutoField"
