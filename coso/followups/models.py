"""Follow-ups: one kind of record for every promise and request — a dialogue's
commitment, a voter's question forwarded to the competent body, a work visit's
conclusion, later an inspection board's recommendation. Each has an owner (a unit and
the official named responsible), a due date, a status with its evidence, and for what
a resident raised, the resident's confirmation or objection."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import optional_link, unit_field, user_field
from coso.core.models import CaseStep, StoredFile, TimeStampedModel


class Status(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã thực hiện")
    CANNOT = "cannot", _("Không thực hiện được")


OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)
CLOSED_STATUSES = (Status.DONE, Status.CANNOT)


class Response(models.TextChoices):
    NONE = "", _("Chưa có ý kiến")
    CONFIRMED = "confirmed", _("Người nêu xác nhận đã thực hiện")
    OBJECTED = "objected", _("Người nêu không đồng ý")


class FollowUp(TimeStampedModel):
    """What was promised or asked, of whom, by when — until it is done, or shown that it
    cannot be. `origin` is the record it came from (a dialogue, a voter meeting, a work
    visit…), owned by another app."""

    AUDIT_REDACT = ("raiser_name", "raiser_contact")

    text = models.TextField(_("nội dung cam kết, kiến nghị"))
    # A topic code of the catalogue (coso.concerns), kept when the topic is retired.
    topic = models.CharField(_("lĩnh vực"), max_length=40, default="other")
    unit = unit_field("followups", _("đơn vị chịu trách nhiệm"))
    owner = user_field(_("tài khoản người chịu trách nhiệm"), blank=True, related_name="followups")
    owner_name = models.CharField(_("người chịu trách nhiệm (họ tên, chức vụ)"), max_length=200)
    opened_on = models.DateField(_("ngày cam kết, kiến nghị"))
    due_on = models.DateField(_("hạn thực hiện"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    on_time = models.BooleanField(null=True, editable=False)
    result = models.TextField(_("kết quả, lý do"), blank=True)
    raised_by_resident = models.BooleanField(_("do người dân nêu"), default=False)
    raiser_name = models.CharField(_("họ tên người nêu"), max_length=150, blank=True)
    raiser_contact = models.CharField(
        _("điện thoại hoặc email người nêu"), max_length=150, blank=True
    )
    # Handed to the resident who raised it: with it they confirm or object (no account).
    confirm_code = models.CharField(max_length=16, unique=True, null=True, blank=True)
    # The household that raised it, once it entered the code while signed in.
    household = optional_link(
        "people.Household", related_name="followups", on_delete=models.SET_NULL, editable=False
    )
    response = models.CharField(
        _("ý kiến người nêu"), max_length=12, choices=Response.choices, blank=True, default=""
    )
    response_note = models.TextField(_("ý kiến của người nêu"), blank=True)
    responded_on = models.DateField(null=True, blank=True)
    origin_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    origin_id = models.PositiveBigIntegerField()
    origin = GenericForeignKey("origin_type", "origin_id")
    origin_label = models.CharField(_("phát sinh từ"), max_length=255)

    class Meta:
        verbose_name = verbose_name_plural = _("việc cần theo dõi")
        indexes = [
            models.Index(fields=["unit", "status", "due_on", "id"], name="followup_worklist_idx"),
            # A work list over many units read in its order (due date, id), page by page.
            models.Index(fields=["due_on", "id"], name="followup_due_key_idx"),
            models.Index(fields=["origin_type", "origin_id"], name="followup_origin_idx"),
            models.Index(fields=["owner", "status", "due_on"], name="followup_owner_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("opened_on")),
                name="followup_due_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def days_taken(self) -> int | None:
        if self.closed_on is None:
            return None
        return (self.closed_on - self.opened_on).days


class Step(CaseStep):
    """A change of a follow-up: who moved it where, when, with what evidence; and the
    raiser's confirmation or objection."""

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(max_length=12, choices=Status.choices)
    response = models.CharField(max_length=12, choices=Response.choices, blank=True)
    note = models.TextField(_("nội dung"), blank=True)  # what was done, or the raiser's word

    def __str__(self) -> str:
        return f"{self.followup_id} {self.status}"


class Evidence(StoredFile):
    """A file or photo showing what was done."""

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="evidence")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), upload_to="followups/%Y/%m/")

    class Meta(StoredFile.Meta):
        verbose_name = verbose_name_plural = _("minh chứng")
