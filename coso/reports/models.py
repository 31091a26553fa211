"""Maintained figures: one row per (reporting unit, period, indicator), refreshed from
the records when they change. Provinces and the nation sum these rows over the unit
tree (`path`); no page counts raw records to draw a figure above a commune."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorValue(models.Model):
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị")
    )
    # The unit's tree path, copied so a province's or the nation's figure is one indexed
    # prefix SUM over this table alone; its province, to compare provinces in one GROUP BY
    # (and the partition key, as on every large table).
    path = models.CharField(max_length=255)
    province = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("kỳ"), max_length=12)
    indicator = models.CharField(_("chỉ tiêu"), max_length=64)
    value = models.BigIntegerField(_("giá trị"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("giá trị chỉ tiêu")
        verbose_name_plural = _("giá trị chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "unit"], name="indicator_value_once"
            )
        ]
        indexes = [
            # Equality on period and indicator, then a prefix of the path (LIKE '/12/%'):
            # pattern operator classes let PostgreSQL use the index for the prefix.
            models.Index(
                fields=["period", "indicator", "path"],
                name="indicator_period_path_idx",
                opclasses=["varchar_pattern_ops"] * 3,
            ),
            models.Index(fields=["unit", "period"], name="indicator_unit_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.unit_id}={self.value}"


class IndicatorTotal(models.Model):
    """Maintained sums above the commune: one row per (province, period, indicator), and
    rows with no province for the nation. Kept with the values they add up (see
    `services.refresh`), so a province's or the nation's figure is read, not summed."""

    province = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(max_length=12)
    indicator = models.CharField(max_length=64)
    value = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "province"], name="indicator_total_once"
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=models.Q(province__isnull=True),
                name="indicator_nation_total_once",
            ),
        ]
        indexes = [models.Index(fields=["period", "province"], name="indicator_total_period_idx")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.province_id or 'VN'}={self.value}"
