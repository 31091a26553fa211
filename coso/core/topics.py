"""The one catalogue of topics residents raise, whatever the channel: a petition, a
reception visit, a question at a dialogue or a voter meeting (later a consultation
opinion or a survey comment) carries one of these, so that concerns can be counted
across channels and a hotspot seen early. The petitions' Open311 services are these
topics."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    ROADS = "roads", _("Đường sá, cầu cống")
    ENVIRONMENT = "environment", _("Môi trường, rác thải")
    WATER_POWER = "water_power", _("Điện, nước sinh hoạt")
    LAND = "land", _("Đất đai, xây dựng")
    SECURITY = "security", _("An ninh, trật tự")
    PROCEDURES = "procedures", _("Thủ tục hành chính")
    SOCIAL = "social", _("Chính sách xã hội")
    OTHER = "other", _("Khác")
