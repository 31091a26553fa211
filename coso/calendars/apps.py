from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "coso.calendars"
    verbose_name = _("Lịch (iCalendar)")
    default_auto_field = "django.db.models.BigAutoField"
