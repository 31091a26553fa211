from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "coso.units"
    label = "units"
    verbose_name = _("Đơn vị hành chính và cơ sở")

    def ready(self) -> None:
        from coso.core import places
        from coso.units import selectors

        places.provide(provinces_of=selectors.provinces_of, unit_names=selectors.unit_names)
