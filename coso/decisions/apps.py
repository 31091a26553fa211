from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "coso.decisions"
    label = "decisions"
    verbose_name = _("Nhân dân bàn và quyết định")
