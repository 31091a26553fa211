from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    default = True
    name = "coso.core"
    label = "core"
    verbose_name = "Coso"


class CosoAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "coso.core.admin_site.CosoAdminSite"
