from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "coso.reports"
    label = "reports"
    verbose_name = _("Chỉ tiêu và báo cáo")

    def ready(self) -> None:
        """Import every app's indicators, as its manifest names them, and record which
        figures a change leaves stale."""
        from coso.core import health, indicators
        from coso.core.manifests import import_indicators
        from coso.reports.services import touch_record
        from coso.reports.services.touches import figures_waiting

        import_indicators()
        indicators.on_touch(touch_record)
        health.check_add("figures", figures_waiting)
