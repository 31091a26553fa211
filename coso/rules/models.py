from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import ends_after, unique_where, user_field


class RuleKind(models.TextChoices):
    PERIOD = "period", _("Thời hạn")
    RATIO = "ratio", _("Tỷ lệ")
    COUNT = "count", _("Số lượng")
    LIST = "list", _("Danh mục")
    FREQUENCY = "frequency", _("Tần suất")
    SCHEDULE = "schedule", _("Mốc thời gian")
    TEXT = "text", _("Quy định không có số")


class PeriodUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("ngày")
    WORKING_DAYS = "working_days", _("ngày làm việc")
    MONTHS = "months", _("tháng")


class Rule(models.Model):
    """One version of one legal rule: a value with the article it comes from.

    Versions of a code never overlap: a new version starts the day the previous one
    stops (`effective_to` is exclusive). A case copies or looks up the version in force
    on the day it started, so a later change never rewrites history.
    """

    code = models.CharField(_("mã"), max_length=80, db_index=True)
    title = models.CharField(_("nội dung"), max_length=300)
    kind = models.CharField(_("loại"), max_length=12, choices=RuleKind.choices)
    period_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=16, choices=PeriodUnit.choices, blank=True
    )
    value = models.JSONField(_("giá trị"), default=dict, blank=True)
    roll_to_working_day = models.BooleanField(
        _("lùi sang ngày làm việc kế tiếp"),
        default=True,
        help_text=_("Thời hạn kết thúc vào ngày nghỉ thì kết thúc vào ngày làm việc tiếp theo."),
    )
    citation = models.CharField(_("căn cứ"), max_length=500)
    note = models.TextField(_("ghi chú"), blank=True)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = user_field(_("người tạo"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("quy định")
        ordering = ["code", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="rule_version_start"),
            unique_where("code", effective_to__isnull=True, name="rule_one_open_version"),
            ends_after("effective_from", "effective_to", name="rule_valid_range"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.effective_from:%d/%m/%Y})"


class CalendarExceptionKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ thêm")
    WORKING_DAY = "working_day", _("Ngày làm bù")


class CalendarException(models.Model):
    """A day the Government made a day off or a working day, newer than the
    `holidays` package knows."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=CalendarExceptionKind.choices)
    reason = models.CharField(_("lý do, căn cứ"), max_length=300)

    class Meta:
        verbose_name = verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
