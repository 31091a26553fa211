"""Petitions (feedback and recommendations, complaints, denunciations), their steps and
the citizen-reception sessions where many of them start."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import (
    ends_after,
    optional_link,
    province_field,
    unique_where,
    unit_field,
    user_field,
)
from coso.core.models import CaseStep, StoredFile, TimeStampedModel


class Kind(models.TextChoices):
    FEEDBACK = "feedback", _("Phản ánh, kiến nghị")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")


# The most people a petition's `signers` holds (the column's range, not a rule).
SIGNERS_MAX = 32767


class Channel(models.TextChoices):
    PORTAL = "portal", _("Cổng thông tin")
    IN_PERSON = "in_person", _("Trực tiếp")
    LETTER = "letter", _("Đơn, thư")
    PHONE = "phone", _("Điện thoại")
    RECEPTION = "reception", _("Buổi tiếp công dân")
    OPEN311 = "open311", _("Ứng dụng Open311")


class Status(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ACCEPTED = "accepted", _("Đã thụ lý")
    REFUSED = "refused", _("Không thụ lý")
    TRANSFERRED = "transferred", _("Đã chuyển đơn vị có thẩm quyền")
    RESOLVED = "resolved", _("Đã giải quyết")
    WITHDRAWN = "withdrawn", _("Đã rút")
    # A complaint whose resolution is suspended (LC art. 11a): its clock stands still.
    SUSPENDED = "suspended", _("Tạm đình chỉ")


OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.SUSPENDED)
CLOSED_STATUSES = (Status.REFUSED, Status.TRANSFERRED, Status.RESOLVED, Status.WITHDRAWN)


class Petition(TimeStampedModel):
    """One petition, handled by one unit. Its due dates are computed by the rules in
    force on the day it was received and stored with it (`rules`), so a change of the
    law never moves a deadline already running.

    A denouncer's identity lives only in `identity` (encrypted); `sender_name` and
    `sender_contact` stay empty for denunciations (LD art. 9(1)(b); GDL art. 9).
    """

    AUDIT_REDACT = ("identity", "sender_name", "sender_contact")

    tracking_code = models.CharField(_("mã theo dõi"), max_length=16, unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    # What it is about: a topic code of the catalogue (coso.concerns), which the Open311
    # services are; kept when the topic is retired.
    category = models.CharField(_("lĩnh vực"), max_length=40, default="other")
    complaint_round = models.PositiveSmallIntegerField(_("khiếu nại lần"), default=1)
    # How many people signed it together: five or more make a crowd case (rule
    # `hotspot.crowd`, coso.concerns).
    signers = models.PositiveSmallIntegerField(
        _("số người cùng ký đơn"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(SIGNERS_MAX)],
    )
    subject = models.CharField(_("tiêu đề"), max_length=200)
    description = models.TextField(_("nội dung"))
    unit = unit_field("petitions", _("đơn vị giải quyết"))
    province = province_field()
    village = optional_link(
        "units.Unit", verbose_name=_("thôn, tổ dân phố"), on_delete=models.SET_NULL
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("địa điểm"), max_length=255, blank=True)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=12, choices=Channel.choices)
    # The registered client application that posted it to Open311 with its api_key
    # (none for an anonymous post): the channel's source, shown to the handler. A
    # client is revoked, never deleted, while a petition names it.
    open311_client = models.ForeignKey(
        "petitions.Open311Client",
        verbose_name=_("ứng dụng Open311"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    sender_name = models.CharField(_("họ tên người gửi"), max_length=150, blank=True)
    sender_contact = models.CharField(_("điện thoại hoặc email"), max_length=150, blank=True)
    identity = models.TextField(blank=True, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    received_on = models.DateField(_("ngày nhận"))
    remote_area = models.BooleanField(_("vùng sâu, vùng xa"), default=False)
    complex_case = models.BooleanField(_("vụ việc phức tạp"), default=False)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    # Days the resolution period did not run, over the suspensions ended so far (LC art.
    # 11a): the due date is the rule's period from acceptance plus these days.
    suspended_days = models.PositiveIntegerField(_("số ngày tạm đình chỉ"), default=0)
    accept_due = models.DateField(_("hạn thụ lý"))
    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True)
    due_on = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    # The deadline that matters now (accept_due, then due_on): one indexed column for
    # the work lists, kept by the services.
    next_due = models.DateField(null=True, blank=True, editable=False)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    on_time = models.BooleanField(null=True, editable=False)
    resolution = models.TextField(_("kết quả giải quyết"), blank=True)
    rules = models.JSONField(default=dict, editable=False)
    # The household that sent it while signed in (coso.residents): it follows it there.
    household = optional_link(
        "people.Household", related_name="petitions", on_delete=models.SET_NULL, editable=False
    )
    handler = user_field(_("người xử lý"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("đơn thư")
        constraints = [
            models.CheckConstraint(condition=models.Q(signers__gte=1), name="petition_signers_min")
        ]
        indexes = [
            models.Index(fields=["unit", "status", "next_due", "id"], name="petition_worklist_idx"),
            # A work list over many units read in its order (deadline, id), page by page.
            models.Index(
                fields=["next_due", "id"],
                condition=models.Q(next_due__isnull=False),
                name="petition_due_key_idx",
            ),
            models.Index(fields=["province", "received_on"], name="petition_province_idx"),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Action(models.TextChoices):
    RECEIVED = "received", _("Tiếp nhận")
    ACCEPTED = "accepted", _("Thụ lý")
    REFUSED = "refused", _("Không thụ lý")
    TRANSFERRED = "transferred", _("Chuyển đơn vị có thẩm quyền")
    EXTENDED = "extended", _("Gia hạn giải quyết")
    RESOLVED = "resolved", _("Giải quyết xong")
    SUSPENDED = "suspended", _("Tạm đình chỉ giải quyết")
    RESUMED = "resumed", _("Tiếp tục giải quyết")


class Event(CaseStep):
    """A step of a petition: who moved it where, when, and the note the sender sees."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=Status.choices)
    action = models.CharField(max_length=24, choices=Action.choices)
    due_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.petition_id} {self.action}"


class Suspension(models.Model):
    """A decision suspending a complaint's resolution and, later, the decision to
    continue it (LC art. 11a; D124 arts. 28a, 28b as added by D155/2026). The days from
    the one to the other are not counted in the resolution period."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="suspensions")
    decision_number = models.CharField(_("số quyết định tạm đình chỉ"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định tạm đình chỉ"))
    reason = models.TextField(_("lý do tạm đình chỉ"))
    due_before = models.DateField(_("hạn giải quyết khi tạm đình chỉ"))
    resume_number = models.CharField(_("số quyết định tiếp tục"), max_length=60, blank=True)
    resumed_on = models.DateField(_("ngày quyết định tiếp tục"), null=True, blank=True)
    actor = user_field(blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("tạm đình chỉ giải quyết")
        ordering = ["decided_on", "id"]
        constraints = [
            # One suspension at a time: the one not yet continued.
            unique_where("petition", resumed_on__isnull=True, name="petition_one_open_suspension"),
            ends_after(
                "decided_on", "resumed_on", same_day=True, name="suspension_resumed_after_decided"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.decision_number}"

    @property
    def days(self) -> int | None:
        """Days not counted: from the suspension decision to the decision to continue."""
        return (self.resumed_on - self.decided_on).days if self.resumed_on else None


class Attachment(StoredFile):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="petitions/%Y/%m/")

    class Meta(StoredFile.Meta):
        verbose_name = verbose_name_plural = _("tệp đính kèm")


class Reminder(models.Model):
    """That officials were reminded of a petition on a day: the reminder command claims
    a row before sending, so running it twice a day sends nothing twice."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["petition", "on"], name="remind_once")]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.on}"


class ReceptionForm(models.TextChoices):
    """How citizens are received (LR art. 3a, from Law 136/2025/QH15: online too)."""

    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")


class ReceptionSession(TimeStampedModel):
    """A citizen-reception day held by a leader of the unit (LR arts. 12, 15)."""

    unit = unit_field("reception_sessions")
    date = models.DateField(_("ngày tiếp"))
    leader = models.CharField(_("người tiếp (lãnh đạo)"), max_length=150)
    leader_title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    form = models.CharField(
        _("hình thức"), max_length=12, choices=ReceptionForm.choices, default="in_person"
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("lịch tiếp công dân")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.unit} {self.date}"


class ReceptionVisit(models.Model):
    """Someone received at a session and what they raised (a petition)."""

    session = models.ForeignKey(ReceptionSession, on_delete=models.CASCADE, related_name="visits")
    visitor = models.CharField(_("người đến"), max_length=150)
    petition = models.OneToOneField(Petition, on_delete=models.PROTECT, related_name="visit")

    def __str__(self) -> str:
        return self.visitor


class Open311Client(models.Model):
    """A client application registered to post to Open311 with its `api_key`: issued and
    revoked by an administrator, it posts with its own, higher rate limit. Only a SHA-256
    of the key's secret is stored (coso.core.keys); the key is shown once, when issued."""

    name = models.CharField(_("tên ứng dụng"), max_length=100)
    contact = models.CharField(_("người liên hệ"), max_length=150, blank=True)
    # The public part of the key ("open311_<prefix>_<secret>"), to find it without the secret.
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = _("ứng dụng Open311")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"
