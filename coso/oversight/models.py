"""The commune's People's Inspection Board (GDL arts. 36–40; D59 arts. 12–14): its
members (from the published result of the villages' elections, matter type 5), its
inspection plans (sent to the commune the rulebook's minimum ahead), what residents ask
of it, its findings, and its recommendations — each a follow-up the commune must answer
within the rulebook's period."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.models import TimeStampedModel


class MemberRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó trưởng ban")
    MEMBER = "member", _("Thành viên")


class Member(models.Model):
    commune = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="pib_members", verbose_name=_("xã")
    )
    village = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("họ tên"), max_length=150)
    role = models.CharField(
        _("chức danh"), max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    elected_by = models.ForeignKey(
        "decisions.Matter", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    term_from = models.DateField(_("từ ngày"))
    term_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["elected_by", "name"], name="pib_member_once_per_election"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Plan(TimeStampedModel):
    """An inspection: what, when, the day the commune was told, then the findings."""

    commune = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="pib_plans", verbose_name=_("xã")
    )
    subject = models.CharField(_("nội dung kiểm tra"), max_length=255)
    starts_on = models.DateField(_("ngày bắt đầu kiểm tra"))
    notified_on = models.DateField(_("ngày gửi kế hoạch"))
    findings = models.TextField(_("kết quả kiểm tra"), blank=True)
    finished_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["commune", "starts_on"], name="pib_plan_idx")]

    def __str__(self) -> str:
        return self.subject

    @property
    def label(self) -> str:
        return f"Ban Thanh tra nhân dân, {self.subject[:150]}, {self.starts_on:%d/%m/%Y}"


class Request(models.Model):
    """What a resident asks the board to look into."""

    AUDIT_REDACT = ("sender",)

    commune = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="pib_requests")
    text = models.TextField(_("nội dung"))
    sender = models.CharField(_("người gửi (không bắt buộc)"), max_length=150, blank=True)
    received_on = models.DateField(_("ngày nhận"))
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.text[:60]
