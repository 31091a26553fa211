"""Maintained figures: one row per (reporting unit, period, indicator), refreshed from
the records when they change. Provinces and the nation sum these rows over the unit
tree (`path`); no page counts raw records to draw a figure above a commune."""

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import unique_where, unit_field, user_field

if TYPE_CHECKING:
    from coso.reports.periods import Period


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
        verbose_name = verbose_name_plural = _("giá trị chỉ tiêu")
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
            # Every indicator of a commune's subtree (its dashboard): equality on period,
            # then the path's prefix, with no indicator to lead the index above.
            models.Index(
                fields=["period", "path"],
                name="indicator_period_subtree_idx",
                opclasses=["varchar_pattern_ops"] * 2,
            ),
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
            unique_where(
                "indicator", "period", province__isnull=True, name="indicator_nation_total_once"
            ),
        ]
        indexes = [models.Index(fields=["period", "province"], name="indicator_total_period_idx")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.province_id or 'VN'}={self.value}"


class FigureTouch(models.Model):
    """Figures owed a refresh: a record of `source` at `unit` changed, so the figures of
    `period` are stale there. Written in the change's own transaction (one upsert: the
    touches of one unit, source and period are one row) and refreshed out of the request
    by `coso indicators work` (`services.touches`)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=40)
    period = models.CharField(max_length=12)
    # The oldest change not yet refreshed: kept when the row is touched again.
    since = models.DateTimeField()
    # The worker refreshing it; a new touch clears it, so that a change made while the
    # worker runs is refreshed again on its next run.
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "period", "unit"], name="figure_touch_once")
        ]
        indexes = [
            models.Index(fields=["since"], name="figure_touch_since_idx"),
            models.Index(fields=["claim"], name="figure_touch_claim_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.period} {self.unit_id}"


class FigureClock(models.Model):
    """When the figures of a period were last refreshed (by the worker or a full
    refresh), for the pages that show them."""

    period = models.CharField(max_length=12, primary_key=True)
    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.period} {self.refreshed_at:%Y-%m-%d %H:%M}"


class ReportKind(models.TextChoices):
    """What a report type reviews, by the length of its period."""

    HALF = "half", _("Sơ kết 6 tháng")
    YEAR = "year", _("Tổng kết năm")
    SPAN = "span", _("Tổng kết nhiều năm")


class ReportType(models.Model):
    """A kind of periodic report, as data: its period, which levels report and by when,
    its figure tables (indicator codes) and its narrative sections."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    title = models.CharField(_("tên báo cáo"), max_length=300)
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    kind = models.CharField(_("loại kỳ"), max_length=8, choices=ReportKind.choices)
    span_years = models.PositiveSmallIntegerField(_("số năm (tổng kết nhiều năm)"), default=1)
    span_from = models.PositiveSmallIntegerField(
        _("năm đầu các kỳ nhiều năm"),
        null=True,
        blank=True,
        help_text=_("Các kỳ nối tiếp nhau từ năm này, ví dụ 2016: 2016–2020, 2021–2025."),
    )
    # [{"level": "commune", "due_days": 10}, {"level": "province", "due_days": 20}]: the
    # units of each kind report, due so many days after the period ends.
    levels = models.JSONField(_("cấp báo cáo"), default=list)
    # [{"title": "…", "indicators": ["petitions.received", …]}]
    tables = models.JSONField(_("biểu số liệu"), default=list)
    # [{"key": "results", "title": "Kết quả đạt được"}, …]
    sections = models.JSONField(_("phần nội dung"), default=list)
    # Whether a unit may send before its period ends (e.g. a review due on the period's
    # last day); otherwise a report is sent only once the period is over, so that what
    # it freezes covers the whole period.
    early_send = models.BooleanField(_("cho gửi trước khi hết kỳ"), default=False)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("loại báo cáo")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title

    def due_days(self, level: str) -> int | None:
        return next((lv["due_days"] for lv in self.levels if lv["level"] == level), None)

    def due_on(self, level: str, period: "Period") -> dt.date | None:
        """The day a unit of `level` must send its report for `period` (None: that level
        does not report)."""
        days = self.due_days(level)
        return None if days is None else period.end + dt.timedelta(days=days)

    def spans_align(self, first_year: int) -> bool:
        """Whether a span starting in `first_year` is one of this type's terms."""
        return self.span_from is None or (first_year - self.span_from) % self.span_years == 0

    def levels_below(self, kind: str | None) -> list[str]:
        """The levels that report to a unit of `kind` or further below it (every level
        for the nation, None), the nearest first."""
        order = [None, "province", "commune"]
        nearer = order[order.index(kind) + 1 :] if kind in order else []
        return [level for level in nearer if level and self.due_days(level) is not None]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    RETURNED = "returned", _("Trả lại để hoàn thiện")


# A report the level above has (sent, then perhaps accepted).
SENT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class Report(models.Model):
    """One unit's report for one period: drafted with live figures, frozen when sent
    (a later change to the records never alters it), accepted or returned by the level
    above. Re-opening makes a new version; the old ones are kept."""

    report_type = models.ForeignKey(ReportType, on_delete=models.PROTECT, related_name="reports")
    unit = unit_field("reports")
    province = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("kỳ"), max_length=12)
    version = models.PositiveSmallIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    due_on = models.DateField(_("hạn gửi"))
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    narrative = models.JSONField(_("nội dung"), default=dict)
    # Frozen when sent: {code: value} for the unit, and {sub-unit code: {code: value}}.
    figures = models.JSONField(default=dict, editable=False)
    sub_figures = models.JSONField(default=dict, editable=False)
    # Frozen when sent, for a report added up from its sub-units' reports: whose reports
    # it adds up and who had not sent theirs ({"expected": n, "included": [code…],
    # "missing": [[code, days late]…]}), and the live figures of the whole unit at that
    # moment ({code: value}), so the report itself explains any gap with the dashboard.
    coverage = models.JSONField(default=dict, editable=False)
    live_figures = models.JSONField(default=dict, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    on_time = models.BooleanField(null=True)
    review_comment = models.TextField(_("ý kiến của cấp trên"), blank=True)
    reviewed_by = user_field(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = user_field(blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("báo cáo")
        constraints = [
            models.UniqueConstraint(
                fields=["report_type", "unit", "period", "version"], name="report_version_once"
            ),
            unique_where(
                "report_type", "unit", "period", is_current=True, name="report_current_once"
            ),
        ]
        indexes = [
            models.Index(fields=["report_type", "period", "status"], name="report_period_idx")
        ]

    def __str__(self) -> str:
        return f"{self.report_type} {self.unit} {self.period} v{self.version}"


class ReportReminder(models.Model):
    """That a unit was reminded of a report on a day: `coso reports remind` claims the
    row before sending, so running it twice a day sends nothing twice."""

    report_type = models.ForeignKey(ReportType, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=12)
    on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report_type", "unit", "period", "on"], name="report_remind_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_type_id} {self.unit_id} {self.period} {self.on}"
