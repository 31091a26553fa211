"""Residents give opinions before the commune decides (GDL arts. 25–28): a draft under a
category of the law's catalogue, divided into clauses, open for at least the rulebook's
minimum; opinions per clause, online from a signed-in household or keyed in from a
meeting, a ballot, the box or the hotline, each with its source; at the close the chair
accepts, partly accepts or does not accept each one with the explanation, publishes the
synthesis, and records the final text beside the draft."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import optional_link, unit_field, user_field
from coso.core.models import TimeStampedModel


class Status(models.TextChoices):
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã hết hạn lấy ý kiến")
    PUBLISHED = "published", _("Đã công khai kết quả")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Tiếp thu")
    PARTLY = "partly", _("Tiếp thu một phần")
    NOT_ACCEPTED = "not_accepted", _("Không tiếp thu")


ONLINE = "online"  # an opinion a signed-in household sent itself


class Consultation(TimeStampedModel):
    unit = unit_field("consultations")
    category = models.CharField(_("nội dung lấy ý kiến"), max_length=8)
    title = models.CharField(_("tên dự thảo"), max_length=255)
    summary = models.TextField(_("giới thiệu"), blank=True)
    forms = models.JSONField(_("hình thức lấy ý kiến"), default=list)
    opened_on = models.DateField(_("ngày công bố"))
    closes_on = models.DateField(_("hạn lấy ý kiến"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(null=True, blank=True)
    synthesis = models.TextField(_("báo cáo tổng hợp, giải trình"), blank=True)
    published_on = models.DateField(null=True, blank=True)
    rules = models.JSONField(default=dict, editable=False)
    created_by = user_field()

    class Meta:
        verbose_name = verbose_name_plural = _("lấy ý kiến Nhân dân")
        indexes = [
            models.Index(fields=["unit", "opened_on"], name="consultation_unit_idx"),
            # Lists over many units read in their order (opened_on, id), page by page.
            models.Index(fields=["opened_on", "id"], name="consultation_opened_key_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class Clause(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="clauses")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.TextField(_("dự thảo"))
    final_text = models.TextField(_("văn bản cuối cùng"), blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="clause_number_once")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Opinion(models.Model):
    AUDIT_REDACT = ("contributor",)

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="opinions"
    )
    clause = models.ForeignKey(
        Clause, null=True, blank=True, on_delete=models.CASCADE, related_name="opinions"
    )
    text = models.TextField(_("ý kiến"))
    source = models.CharField(_("nguồn"), max_length=16)
    household = optional_link("people.Household", on_delete=models.SET_NULL)
    contributor = models.CharField(_("người, tổ chức góp ý"), max_length=150, blank=True)
    received_on = models.DateField(_("ngày nhận"))
    outcome = models.CharField(_("kết quả"), max_length=14, choices=Outcome.choices, blank=True)
    explanation = models.TextField(_("giải trình"), blank=True)

    class Meta:
        ordering = ["clause__number", "id"]

    def __str__(self) -> str:
        return self.text[:60]
