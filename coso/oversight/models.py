"""The commune's People's Inspection Board (GDL arts. 36–40; D59 arts. 12–14): its
members (from the published result of the villages' elections, matter type 5), its
inspection plans (sent to the commune the rulebook's minimum ahead), what residents ask
of it, its findings, and its recommendations — each a follow-up the commune must answer
within the rulebook's period."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coso.core.fields import optional_link, unique_where, unit_field, user_field
from coso.core.models import TimeStampedModel


class MemberRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó trưởng ban")
    MEMBER = "member", _("Thành viên")


class Member(models.Model):
    """A member of the commune's People's Inspection Board, with their role: one head
    (Trưởng ban), deputies up to the rulebook's number (`oversight.pib.members`), members.
    The head and deputies are assigned by the commune or the Front (GDL art. 37)."""

    commune = unit_field("pib_members", _("xã"))
    village = optional_link("units.Unit")
    name = models.CharField(_("họ tên"), max_length=200)
    role = models.CharField(
        _("chức danh"), max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    elected_by = optional_link("decisions.Matter")
    term_from = models.DateField(_("từ ngày"))
    term_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["elected_by", "name"], name="pib_member_once_per_election"
            ),
            # One head among the members whose term is running.
            unique_where(
                "commune", role=MemberRole.HEAD, term_to__isnull=True, name="pib_one_head"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Plan(TimeStampedModel):
    """An inspection: what, when, the day the commune was told, then the findings."""

    commune = unit_field("pib_plans", _("xã"))
    subject = models.CharField(_("nội dung kiểm tra"), max_length=255)
    starts_on = models.DateField(_("ngày bắt đầu kiểm tra"))
    notified_on = models.DateField(_("ngày gửi kế hoạch"))
    findings = models.TextField(_("kết quả kiểm tra"), blank=True)
    finished_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    created_by = user_field()

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


class Project(TimeStampedModel):
    """A community public work funded wholly or partly by households (GDL arts. 41–45),
    approved by the households' contribution matter, supervised by its own board."""

    commune = unit_field("community_projects", _("xã"))
    name = models.CharField(_("tên công trình"), max_length=255)
    approved_by = optional_link(
        "decisions.Matter", verbose_name=_("nội dung Nhân dân quyết định đóng góp")
    )
    budget = models.PositiveBigIntegerField(_("tổng kinh phí (đồng)"))
    # The households' contribution as their decision states it (GDL art. 15(1)): either
    # an amount per household or a share of the budget, never both. The decision matter
    # keeps its content as free text, so the figure is recorded here, checked against
    # that text when the project is recorded. Both empty only on rows older than the
    # fields, whose contribution could not be read back.
    due_per_household = models.PositiveBigIntegerField(
        _("mức đóng góp mỗi hộ (đồng)"), null=True, blank=True
    )
    residents_share = models.DecimalField(
        _("phần Nhân dân đóng góp (% tổng kinh phí)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    sources = models.CharField(_("nguồn kinh phí"), max_length=255)
    contractor = models.CharField(_("đơn vị thi công"), max_length=255, blank=True)
    starts_on = models.DateField(_("khởi công"))
    ends_on = models.DateField(_("dự kiến hoàn thành"))
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    board_elected_by = optional_link("decisions.Matter", verbose_name=_("bầu tại"))
    created_by = user_field()

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["commune", "starts_on"], name="project_commune_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(residents_share__isnull=True)
                | Q(residents_share__gte=0, residents_share__lte=100),
                name="project_share_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=Q(due_per_household__isnull=True) | Q(residents_share__isnull=True),
                name="project_contribution_one_way",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return f"Ban giám sát đầu tư của cộng đồng, {self.name[:150]}"


class Supervisor(models.Model):
    """A member of a project's Community Investment Supervision Board, with their role:
    one head, deputies up to the rulebook's number (`oversight.cisb.members`), members."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="supervisors")
    name = models.CharField(_("họ tên"), max_length=200)
    role = models.CharField(
        _("chức danh"), max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [unique_where("project", role=MemberRole.HEAD, name="cisb_one_head")]

    def __str__(self) -> str:
        return self.name


class Due(models.Model):
    """What one household is to contribute."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="dues")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    amount = models.PositiveBigIntegerField(_("số tiền phải đóng (đồng)"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "household"], name="due_once")]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.amount}"


class Payment(models.Model):
    """Money a household paid in, on a day."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="payments")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    paid_on = models.DateField(_("ngày nộp"))
    recorded_by = user_field()

    class Meta:
        indexes = [models.Index(fields=["project", "paid_on"], name="payment_project_idx")]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.amount}"


class Spending(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="spendings")
    what = models.CharField(_("nội dung chi"), max_length=255)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    spent_on = models.DateField(_("ngày chi"))

    class Meta:
        ordering = ["spent_on", "id"]

    def __str__(self) -> str:
        return self.what


class Visit(models.Model):
    """A supervision visit of the project's board and what it found."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("ngày giám sát"))
    findings = models.TextField(_("kết quả giám sát"))

    class Meta:
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return self.findings[:60]

    @property
    def label(self) -> str:
        return f"{self.project.label}, {self.visited_on:%d/%m/%Y}"
