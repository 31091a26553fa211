"""Emulation (thi đua): criteria sets as data, runs that apply a set to a province's (or
a commune's) units of one kind for a period, and each unit's score explained line by
line — the criterion, the figure it was read from, the points, who scored it — with the
unit's objections and the assessing body's answers.

A set is frozen once a run that used it is final: a weight changed later makes a new
version of the set (coso/emulation/services/sets.py)."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import unit_field, user_field
from coso.core.models import TimeStampedModel


def points_field(verbose_name: Any = None, **options: Any) -> "models.DecimalField[Any, Any]":
    """Points, stored with two decimal places: a unit's total is their exact sum."""
    return models.DecimalField(verbose_name, max_digits=7, decimal_places=2, **options)


class Kind(models.TextChoices):
    """The kinds of unit a set is for (coso.units UnitKind's grassroots units)."""

    COMMUNE = "commune", _("Xã, phường, đặc khu")
    AGENCY = "agency", _("Cơ quan, đơn vị")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")


class Source(models.TextChoices):
    AUTOMATIC = "automatic", _("Tự động từ số liệu")
    ASSESSED = "assessed", _("Cơ quan đánh giá chấm")


class Scoring(models.TextChoices):
    """How a figure becomes points (coso/emulation/scoring.py)."""

    LINEAR = "linear", _("Tuyến tính từ mức sàn đến mục tiêu")
    THRESHOLDS = "thresholds", _("Theo bậc")
    YES_NO = "yes_no", _("Có / không")
    POINTS = "points", _("Chấm điểm trực tiếp")


class Grade(models.TextChoices):
    """The classes a total falls in; the points each needs are the set's data."""

    EXCELLENT = "excellent", _("Xuất sắc")
    GOOD = "good", _("Tốt")
    FAIR = "fair", _("Khá")
    AVERAGE = "average", _("Trung bình")


class CriteriaSet(TimeStampedModel):
    """The criteria a body applies to units of one kind for one year; `owner` is the
    assessing body's unit (a province, or a commune for its agencies and enterprises)."""

    owner = unit_field("emulation_sets", _("cơ quan đánh giá"))
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại đơn vị"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=200)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    # {"excellent": 90, "good": 75, "fair": 60}: the least total of each class, the
    # rest "average" (the rulebook's `emulation.grades` when the set was made).
    grades = models.JSONField(_("ngưỡng xếp loại"))
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = user_field()

    class Meta:
        ordering = ["-year", "name", "-version"]
        verbose_name = verbose_name_plural = _("bộ tiêu chí thi đua")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year", "kind", "name", "version"], name="emulation_set_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year}, v{self.version})"


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("mã"), max_length=40)
    label = models.CharField(_("tiêu chí"), max_length=255)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    weight = points_field(_("điểm tối đa"))
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    # An indicator, ratio or index code value_of answers (automatic criteria).
    indicator = models.CharField(_("chỉ tiêu"), max_length=64, blank=True)
    scoring = models.CharField(_("cách tính điểm"), max_length=12, choices=Scoring.choices)
    # linear: {"floor": 50, "target": 90}; thresholds: {"steps": [[90, 100], [70, 50]]}
    # (value at least, % of the weight); yes_no and points: {}.
    rule = models.JSONField(_("tham số"), default=dict, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = verbose_name_plural = _("tiêu chí thi đua")
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "code"], name="emulation_criterion_once"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Status(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OBJECTIONS = "objections", _("Công bố để đơn vị kiến nghị")
    FINAL = "final", _("Chính thức")


class Run(TimeStampedModel):
    """A set applied to the units of its kind under `scope` for `period`."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="runs")
    scope = unit_field("emulation_runs", _("phạm vi"))
    period = models.CharField(_("kỳ"), max_length=12)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    computed_at = models.DateTimeField(null=True, blank=True)
    objection_deadline = models.DateField(_("hạn kiến nghị"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    created_by = user_field()

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = verbose_name_plural = _("đợt chấm điểm thi đua")
        indexes = [models.Index(fields=["status", "period_end"], name="emulation_run_final_idx")]

    def __str__(self) -> str:
        return f"{self.criteria_set} — {self.period}"


class Result(models.Model):
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="results")
    unit = unit_field("emulation_results")
    total = points_field(_("tổng điểm"), default=0)
    rank = models.PositiveIntegerField(_("xếp hạng"), default=0)
    tied = models.PositiveIntegerField(_("số đơn vị cùng hạng"), default=1)
    grade = models.CharField(_("xếp loại"), max_length=10, choices=Grade.choices, blank=True)

    class Meta:
        ordering = ["rank", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "unit"], name="emulation_result_once")
        ]

    def __str__(self) -> str:
        return f"{self.run_id} {self.unit_id}"


class Line(models.Model):
    """One criterion of a unit's score: the figure read (automatic) or the body's
    score with its evidence (assessed), and the points."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="lines")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("số liệu"), max_digits=14, decimal_places=2, null=True)
    points = points_field(_("điểm"), default=0)
    note = models.TextField(_("nhận xét, minh chứng"), blank=True)
    # The stored file's path (coso.core.uploads checked it): a plain column, so the
    # audit entry of a score names the file it was given with.
    evidence = models.CharField(_("tệp minh chứng"), max_length=255, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    evidence_size = models.PositiveIntegerField(default=0)
    scored_by = user_field()
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["result", "criterion"], name="emulation_line_once")
        ]

    def __str__(self) -> str:
        return f"{self.result_id} {self.criterion_id}"


class Answer(models.TextChoices):
    OPEN = "open", _("Chờ trả lời")
    ACCEPTED = "accepted", _("Chấp nhận")
    REJECTED = "rejected", _("Không chấp nhận")


class Objection(models.Model):
    line = models.ForeignKey(Line, on_delete=models.CASCADE, related_name="objections")
    reason = models.TextField(_("lý do kiến nghị"))
    by = user_field()
    at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("trả lời"), max_length=8, choices=Answer.choices, default=Answer.OPEN
    )
    reply = models.TextField(_("nội dung trả lời"), blank=True)
    points_before = points_field(null=True)
    points_after = points_field(null=True)
    answered_by = user_field()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = _("kiến nghị về điểm thi đua")

    def __str__(self) -> str:
        return f"{self.line_id} {self.status}"
