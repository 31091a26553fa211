"""The registry of "Dân vận khéo" (skilful mass mobilisation) models: what a unit built
with its people, in which field, sponsored by whom, with what results; the steering
committee's yearly evaluation against a scored rubric (criteria as data); recognition
at commune, province or central level; and replication — a model started from another
links to it, so each model's spread is a tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import optional_link, province_field, unit_field, user_field
from coso.core.models import StoredFile, TimeStampedModel


class Field(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế")
    CULTURE = "culture", _("Văn hóa - xã hội")
    DEFENCE = "defence", _("Quốc phòng - an ninh")
    POLITICS = "politics", _("Xây dựng hệ thống chính trị")


class Level(models.TextChoices):
    """Where a model was built, and where it is recognised."""

    COMMUNE = "commune", _("Cấp xã")
    AGENCY = "agency", _("Cơ quan, doanh nghiệp")
    PROVINCE = "province", _("Cấp tỉnh")
    CENTRAL = "central", _("Trung ương")


class Sponsor(models.TextChoices):
    FRONT = "front", _("Mặt trận Tổ quốc")
    WOMEN = "women", _("Hội Liên hiệp Phụ nữ")
    FARMERS = "farmers", _("Hội Nông dân")
    YOUTH = "youth", _("Đoàn Thanh niên")
    VETERANS = "veterans", _("Hội Cựu chiến binh")
    DEPARTMENT = "department", _("Sở, ngành, cơ quan")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    AUTHORITY = "authority", _("Chính quyền, cấp ủy")


class Status(models.TextChoices):
    ACTIVE = "active", _("Đang thực hiện")
    ENDED = "ended", _("Đã dừng")


class Exemplar(TimeStampedModel):
    name = models.CharField(_("tên mô hình"), max_length=255)
    field = models.CharField(_("lĩnh vực"), max_length=12, choices=Field.choices)
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices, editable=False)
    unit = unit_field("exemplars")
    province = province_field()
    sponsor = models.CharField(_("tổ chức chủ trì"), max_length=12, choices=Sponsor.choices)
    sponsor_name = models.CharField(_("tên tổ chức, cơ quan chủ trì"), max_length=200, blank=True)
    started_on = models.DateField(_("ngày bắt đầu"))
    ended_on = models.DateField(_("ngày dừng"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    description = models.TextField(_("cách làm"))
    results = models.TextField(_("kết quả"), blank=True)
    households_benefited = models.PositiveIntegerField(_("số hộ được hưởng lợi"), default=0)
    money_mobilised = models.PositiveBigIntegerField(_("kinh phí huy động (đồng)"), default=0)
    workdays_mobilised = models.PositiveIntegerField(_("ngày công huy động"), default=0)
    land_donated_m2 = models.PositiveIntegerField(_("đất hiến (m²)"), default=0)
    origin = optional_link("self", related_name="replicas", verbose_name=_("nhân rộng từ mô hình"))
    # The first model of the tree this one belongs to (itself for an original): the
    # whole tree is one query.
    root = models.ForeignKey(
        "self", null=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_by = user_field()

    class Meta:
        verbose_name = verbose_name_plural = _("mô hình “Dân vận khéo”")
        indexes = [
            models.Index(fields=["province", "id"], name="exemplar_province_idx"),
            models.Index(fields=["unit", "started_on"], name="exemplar_unit_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class Photo(StoredFile):
    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("ảnh"), upload_to="exemplars/%Y/%m/")

    class Meta(StoredFile.Meta):
        verbose_name = verbose_name_plural = _("ảnh")


class Criterion(models.Model):
    """One line of the evaluation rubric, with its maximum score. Evaluations keep a
    copy of the rubric they were scored against."""

    code = models.SlugField(_("mã"), unique=True)
    label = models.CharField(_("tiêu chí"), max_length=255)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = verbose_name_plural = _("tiêu chí đánh giá")

    def __str__(self) -> str:
        return self.label


class Verdict(models.TextChoices):
    KEEP = "keep", _("Tiếp tục duy trì")
    EXPAND = "expand", _("Đề nghị nhân rộng")
    IMPROVE = "improve", _("Cần củng cố")
    STOP = "stop", _("Không còn hiệu quả")


class Evaluation(models.Model):
    """The steering committee's review of a model for one year."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("năm"))
    scores = models.JSONField(_("điểm"))  # [{"code", "label", "max", "score"}]
    total = models.PositiveSmallIntegerField(_("tổng điểm"))
    verdict = models.CharField(_("kết luận"), max_length=8, choices=Verdict.choices)
    note = models.TextField(_("nhận xét"), blank=True)
    by = user_field()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["exemplar", "year"], name="exemplar_evaluated_once")
        ]

    def __str__(self) -> str:
        return f"{self.exemplar_id} {self.year}"


class Recognition(models.Model):
    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="recognitions")
    level = models.CharField(_("cấp công nhận"), max_length=12, choices=Level.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decided_on = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan công nhận"), max_length=200)
    by = user_field()

    class Meta:
        ordering = ["decided_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["exemplar", "level"], name="exemplar_recognised_once")
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.decided_on}"
