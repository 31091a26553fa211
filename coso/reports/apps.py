from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "coso.reports"
    label = "reports"
    verbose_name = _("Chỉ tiêu và báo cáo")

    def ready(self) -> None:
        """Find every app's indicators.py (as the admin finds admin.py) and record
        which figures a change leaves stale."""
        from django.utils.module_loading import autodiscover_modules

        from coso.core import health, indicators
        from coso.reports.services import touch_record
        from coso.reports.services.touches import figures_waiting

        autodiscover_modules("indicators")
        indicators.on_touch(touch_record)
        health.check_add("figures", figures_waiting)
