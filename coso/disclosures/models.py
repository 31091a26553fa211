import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import province_field, unique_where, unit_field, user_field
from coso.core.models import StoredFile, TimeStampedModel


class Disclosure(TimeStampedModel):
    """One version of something a unit made public (GDL arts. 11–13, 46–48, 64–65).

    Versions of one disclosure share `series`, its stable public identity; amending
    adds a version and keeps the old ones. The deadline (`due_by`) and the earliest
    take-down day (`keep_until`) are computed by the rules in force when it was posted
    and stored, so a later change of the law never rewrites them.
    """

    series = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    version = models.PositiveSmallIntegerField(default=1, editable=False)
    is_current = models.BooleanField(default=True, editable=False)
    unit = unit_field("disclosures")
    province = province_field()
    catalogue = models.CharField(_("danh mục"), max_length=80)
    category = models.CharField(_("nội dung phải công khai"), max_length=16)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    search_text = models.TextField(editable=False, default="")
    channels = models.JSONField(_("hình thức công khai"), default=list)
    decided_on = models.DateField(_("ngày ban hành quyết định, văn bản"), null=True, blank=True)
    posted_on = models.DateField(_("ngày công khai"))
    due_by = models.DateField(_("hạn công khai"), null=True, blank=True)
    is_late = models.BooleanField(_("công khai muộn"), default=False)
    is_permanent = models.BooleanField(_("niêm yết thường xuyên"), default=False)
    keep_until = models.DateField(_("được gỡ từ ngày"), null=True, blank=True)
    taken_down_on = models.DateField(_("ngày gỡ"), null=True, blank=True)
    takedown_reason = models.TextField(_("lý do gỡ"), blank=True)
    taken_down_early = models.BooleanField(_("gỡ trước thời hạn"), default=False)
    created_by = user_field(_("người đăng"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("nội dung công khai")
        constraints = [
            models.UniqueConstraint(fields=["series", "version"], name="disclosure_version"),
            unique_where("series", is_current=True, name="disclosure_one_current_version"),
        ]
        indexes = [
            models.Index(fields=["unit", "is_current", "category"], name="disclosure_unit_idx"),
            # A unit's list, newest first, page by page.
            models.Index(fields=["unit", "is_current", "id"], name="disclosure_unit_key_idx"),
            models.Index(fields=["province", "is_current"], name="disclosure_province_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_up(self) -> bool:
        return self.taken_down_on is None


class AttachmentKind(models.TextChoices):
    DOCUMENT = "document", _("Tài liệu")
    EVIDENCE = "evidence", _("Ảnh chứng minh đã niêm yết")


class Attachment(StoredFile):
    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("loại"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(_("tệp"), upload_to="disclosures/%Y/%m/")

    class Meta(StoredFile.Meta):
        verbose_name = verbose_name_plural = _("tệp đính kèm")
