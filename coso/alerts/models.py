"""Warnings of democracy not being practised (*biểu hiện mất dân chủ*): a rule of the
rulebook (`warning.*`, each with its legal basis) found a unit in breach — a required
disclosure missing, too many petitions overdue, the year's dialogues not held… — when
`coso warnings scan` read the maintained figures. A warning is opened once per unit,
rule and key (the period or record it is about), shown to the unit and the level above,
acknowledged, and either closes by itself when the cause is gone or becomes a
follow-up."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import (
    optional_one_to_one,
    province_field,
    unique_where,
    unit_field,
    user_field,
)


class Closed(models.TextChoices):
    CAUSE_GONE = "cause_gone", _("Tự đóng: nguyên nhân không còn")
    FOLLOWUP = "followup", _("Chuyển thành việc cần theo dõi")


class Warning(models.Model):
    unit = unit_field("warnings")
    province = province_field()
    rule = models.CharField(_("quy định"), max_length=64)  # the rule's code: "warning.…"
    # What the warning is about within the rule: a period ("2026"), a record ("report:12").
    key = models.CharField(max_length=64)
    opened_on = models.DateField(_("ngày cảnh báo"))
    # The figures that raised it and the rule's version, as the scan found them.
    details = models.JSONField(default=dict)
    acknowledged_by = user_field(_("người tiếp nhận"))
    acknowledged_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    closed_on = models.DateField(_("ngày đóng"), null=True, blank=True)
    closed_how = models.CharField(_("cách đóng"), max_length=12, choices=Closed.choices, blank=True)
    followup = optional_one_to_one("followups.FollowUp", related_name="warning")

    class Meta:
        verbose_name = _("cảnh báo")
        verbose_name_plural = _("cảnh báo")
        constraints = [
            unique_where("unit", "rule", "key", closed_on__isnull=True, name="warning_open_once")
        ]
        indexes = [
            models.Index(fields=["province", "closed_on"], name="warning_province_idx"),
            models.Index(fields=["unit", "opened_on"], name="warning_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.unit_id} {self.key}"
