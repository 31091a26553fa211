from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "coso.reports"
    label = "reports"
    verbose_name = _("Chỉ tiêu và báo cáo")

    def ready(self) -> None:
        """Find every app's indicators.py (as the admin finds admin.py) and keep the
        maintained figures fresh when a record changes."""
        from django.utils.module_loading import autodiscover_modules

        from coso.core import indicators
        from coso.reports.services import refresh_touched

        autodiscover_modules("indicators")
        indicators.on_touch(refresh_touched)
