"""Support handed to households (dân thụ hưởng): a programme (gifts, support to poor
households, housing, scholarships) with its source and value, the households that
receive it, the list posted publicly through the disclosures app for the period the
law requires (GDL art. 11(7)), and residents' objections answered within that period."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import optional_one_to_one, unit_field, user_field
from coso.core.models import TimeStampedModel


class Kind(models.TextChoices):
    GIFT = "gift", _("Tặng quà")
    POOR = "poor", _("Hỗ trợ hộ nghèo, cận nghèo")
    HOUSING = "housing", _("Hỗ trợ nhà ở")
    SCHOLARSHIP = "scholarship", _("Học bổng")
    DISASTER = "disaster", _("Cứu trợ thiên tai, dịch bệnh")
    OTHER = "other", _("Khác")


class Programme(TimeStampedModel):
    unit = unit_field("programmes", _("xã"))
    name = models.CharField(_("tên đợt hỗ trợ"), max_length=255)
    kind = models.CharField(_("loại hỗ trợ"), max_length=12, choices=Kind.choices)
    source = models.CharField(_("nguồn kinh phí"), max_length=255)
    value_per_household = models.PositiveBigIntegerField(_("mức hỗ trợ mỗi hộ (đồng)"))
    handed_on = models.DateField(_("ngày trao"))
    description = models.TextField(_("tiêu chí, cách bình xét"), blank=True)
    disclosure = optional_one_to_one("disclosures.Disclosure", related_name="programme")
    posted_on = models.DateField(_("ngày niêm yết"), null=True, blank=True)
    posted_until = models.DateField(_("niêm yết đến"), null=True, blank=True)
    created_by = user_field()

    class Meta:
        verbose_name = verbose_name_plural = _("đợt hỗ trợ")
        indexes = [models.Index(fields=["unit", "handed_on"], name="programme_unit_idx")]

    def __str__(self) -> str:
        return self.name


class Recipient(models.Model):
    """A household on the list. `name` and `village_name` are copied when the household
    is added: the public list shows them and nothing else of the household."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="recipients")
    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="support_received"
    )
    name = models.CharField(_("chủ hộ"), max_length=150)
    village_name = models.CharField(_("thôn, tổ"), max_length=255)
    value = models.PositiveBigIntegerField(_("giá trị hỗ trợ (đồng)"))

    class Meta:
        ordering = ["village_name", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "household"], name="support_once_per_list")
        ]

    def __str__(self) -> str:
        return self.name


class Objection(models.Model):
    """A resident's objection to the list, answered by the commune within the posting
    period."""

    AUDIT_REDACT = ("raiser_name", "raiser_contact")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="objections")
    recipient = models.ForeignKey(
        Recipient, null=True, blank=True, on_delete=models.SET_NULL, related_name="objections"
    )
    text = models.TextField(_("ý kiến"))
    raiser_name = models.CharField(_("họ tên người phản ánh"), max_length=150, blank=True)
    raiser_contact = models.CharField(_("điện thoại hoặc email"), max_length=150, blank=True)
    received_on = models.DateField(_("ngày nhận"))
    answer = models.TextField(_("trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_in_time = models.BooleanField(null=True, editable=False)
    answered_by = user_field()

    class Meta:
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return self.text[:80]
