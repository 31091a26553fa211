"""Ratings: the person who raised a petition or a follow-up rates its answer once it is
resolved or done — a score on each criterion of the rule `rating.criteria` and an
optional comment. A rating copies the version of the rule it was made under and
whether each score counts as satisfied then, so a later change of the criteria or of
the points that count never rewrites what was counted."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import optional_link, unit_field
from coso.core.models import TimeStampedModel


class Kind(models.TextChoices):
    PETITION = "petition", _("Đơn thư")
    FOLLOWUP = "followup", _("Việc cần theo dõi")


class Channel(models.TextChoices):
    CODE = "code", _("Bằng mã theo dõi, mã xác nhận")
    HOUSEHOLD = "household", _("Hộ đã đăng nhập")


class Rating(TimeStampedModel):
    """One case's rating. The case is a petition or a follow-up (one link set, as
    `kind` says); `unit` is the case's unit, which scopes who reads the rating; `title`
    copies the case's subject as officials' lists show it (never the sender)."""

    # The comment is free text that may name someone: the log says it was written.
    AUDIT_REDACT = ("comment",)

    kind = models.CharField(_("loại việc"), max_length=12, choices=Kind.choices)
    petition = optional_link(
        "petitions.Petition", related_name="ratings", on_delete=models.CASCADE, editable=False
    )
    followup = optional_link(
        "followups.FollowUp", related_name="ratings", on_delete=models.CASCADE, editable=False
    )
    unit = unit_field("ratings", _("đơn vị giải quyết"))
    title = models.CharField(_("việc được đánh giá"), max_length=200)
    rated_on = models.DateField(_("ngày đánh giá"))
    satisfied = models.BooleanField(_("hài lòng chung"))
    comment = models.TextField(_("ý kiến thêm"), blank=True)
    # The day the version of `rating.criteria` in force began (code and day name it).
    rule_version = models.DateField(_("phiên bản tiêu chí"))
    channel = models.CharField(_("cách đánh giá"), max_length=12, choices=Channel.choices)

    class Meta:
        verbose_name = _("đánh giá kết quả giải quyết")
        verbose_name_plural = _("đánh giá kết quả giải quyết")
        indexes = [
            # The unit's list, newest first, page by page; the figures by day.
            models.Index(fields=["unit", "rated_on", "id"], name="rating_unit_day_idx"),
        ]
        constraints = [
            # Once per case: a second attempt fails here even when two arrive at once.
            models.UniqueConstraint(fields=["petition"], name="rating_once_per_petition"),
            models.UniqueConstraint(fields=["followup"], name="rating_once_per_followup"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=Kind.PETITION, petition__isnull=False, followup__isnull=True)
                    | models.Q(kind=Kind.FOLLOWUP, followup__isnull=False, petition__isnull=True)
                ),
                name="rating_one_case_of_its_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.petition_id or self.followup_id}"

    @property
    def case_id(self) -> int | None:
        return self.petition_id if self.kind == Kind.PETITION else self.followup_id


class Score(models.Model):
    """A rating's points on one criterion, and whether they counted as satisfied under
    the rule version the rating copied."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(_("tiêu chí"), max_length=32)
    points = models.PositiveSmallIntegerField(_("điểm"))
    satisfied = models.BooleanField(_("hài lòng"))

    class Meta:
        verbose_name = verbose_name_plural = _("điểm đánh giá")
        constraints = [
            models.UniqueConstraint(
                fields=["rating", "criterion"], name="score_once_per_criterion"
            ),
        ]
        indexes = [models.Index(fields=["criterion", "satisfied"], name="score_criterion_idx")]

    def __str__(self) -> str:
        return f"{self.rating_id} {self.criterion} {self.points}"
