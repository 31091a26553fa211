"""Meetings where residents (or a unit) are heard and promises are made: a commune's
dialogue conference with its residents (GDL art. 32), a workplace dialogue (GDL art.
73), deputies' meetings with voters, and a steering committee's or commission's work
visit to a unit. Each records what was raised and answered; every commitment, question
forwarded or conclusion that asks something becomes a follow-up (coso.followups)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coso.core.fields import optional_link, optional_one_to_one, unit_field, user_field
from coso.core.models import TimeStampedModel


class Kind(models.TextChoices):
    DIALOGUE = "dialogue", _("Hội nghị đối thoại với Nhân dân")
    WORKPLACE = "workplace", _("Đối thoại tại nơi làm việc")
    VOTERS = "voters", _("Tiếp xúc cử tri")
    VISIT = "visit", _("Làm việc của Ban Chỉ đạo, Ban Dân vận")


# What residents may read: the commune's dialogues and the voter meetings held there.
PUBLIC_KINDS = (Kind.DIALOGUE, Kind.VOTERS)


class Group(models.TextChoices):
    """Who took part, counted by group."""

    RESIDENTS = "residents", _("Người dân")
    OFFICIALS = "officials", _("Cán bộ, công chức")
    ORGANISATIONS = "organisations", _("Mặt trận, đoàn thể")
    DEPUTIES = "deputies", _("Đại biểu dân cử")
    WORKERS = "workers", _("Người lao động")
    EMPLOYERS = "employers", _("Người sử dụng lao động")


class Meeting(TimeStampedModel):
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    unit = unit_field("meetings", _("đơn vị (nơi tổ chức, nơi đến làm việc)"))
    date = models.DateField(_("ngày"))
    place = models.CharField(_("địa điểm"), max_length=200)
    chair = models.CharField(_("người chủ trì (họ tên, chức vụ)"), max_length=200)
    led_by = models.CharField(
        _("đoàn, đại biểu"),
        max_length=300,
        blank=True,
        help_text=_("Đại biểu tiếp xúc cử tri; cơ quan đến làm việc (Ban Chỉ đạo, Ban Dân vận…)."),
    )
    participants = models.JSONField(_("thành phần tham dự"), default=dict)
    # Topic codes of the catalogue (coso.concerns).
    topics = models.JSONField(_("chủ đề"), default=list)
    summary = models.TextField(_("nội dung chính, báo cáo trình bày"), blank=True)
    created_by = user_field()

    class Meta:
        verbose_name = verbose_name_plural = _("hội nghị, buổi làm việc")
        indexes = [
            models.Index(fields=["unit", "kind", "date"], name="meeting_unit_idx"),
            # Lists over many units read in their order (date, id), page by page.
            models.Index(fields=["date", "id"], name="meeting_date_key_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    @property
    def label(self) -> str:
        return f"{self.get_kind_display()}, {self.unit.name}, {self.date:%d/%m/%Y}"

    @property
    def official_url(self) -> str:
        return reverse("dialogues:detail", args=[self.pk])

    @property
    def attendance(self) -> int:
        return sum(int(n) for n in self.participants.values())


class Item(models.Model):
    """A question raised (with the answer given on the spot), or a work visit's
    conclusion. `followup` is the promise it led to, if any."""

    AUDIT_REDACT = ("asker_name", "asker_contact")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.TextField(_("câu hỏi, ý kiến, kết luận"))
    # A topic code of the catalogue (coso.concerns), kept when the topic is retired.
    topic = models.CharField(_("lĩnh vực"), max_length=40, default="other")
    asker_name = models.CharField(_("người nêu"), max_length=150, blank=True)
    asker_contact = models.CharField(
        _("điện thoại hoặc email người nêu"), max_length=150, blank=True
    )
    answer = models.TextField(_("trả lời tại hội nghị"), blank=True)
    forwarded_to = optional_link("units.Unit", verbose_name=_("chuyển cơ quan có thẩm quyền"))
    followup = optional_one_to_one("followups.FollowUp", related_name="item")

    class Meta:
        ordering = ["number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="meeting_item_number_once")
        ]

    def __str__(self) -> str:
        return self.text[:80]
