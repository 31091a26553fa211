from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import province_field, unique_where, unit_field
from coso.core.models import TimeStampedModel
from coso.people.citizen_id import FEMALE, MALE


class Household(TimeStampedModel):
    """A household (hộ gia đình) of a village or residential group.

    It carries its province: the partition key of this large table.
    """

    AUDIT_REDACT = ("phone",)

    village = unit_field("households", _("thôn, tổ dân phố"))
    province = province_field()
    code = models.CharField(_("mã hộ"), max_length=32)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    # Where the household may receive a sign-in code by SMS (coso.residents).
    phone = models.CharField(_("điện thoại của hộ"), max_length=20, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("hộ gia đình")
        constraints = [
            models.UniqueConstraint(fields=["village", "code"], name="household_code_per_village"),
        ]
        indexes = [models.Index(fields=["village", "id"], name="household_village_key_idx")]

    def __str__(self) -> str:
        return self.code


class Sex(models.TextChoices):
    MALE = MALE, _("Nam")
    FEMALE = FEMALE, _("Nữ")


class Relation(models.TextChoices):
    """Relation to the head of the household (quan hệ với chủ hộ)."""

    HEAD = "head", _("Chủ hộ")
    SPOUSE = "spouse", _("Vợ/chồng")
    CHILD = "child", _("Con")
    PARENT = "parent", _("Bố/mẹ")
    GRANDPARENT = "grandparent", _("Ông/bà")
    GRANDCHILD = "grandchild", _("Cháu")
    SIBLING = "sibling", _("Anh/chị/em")
    CHILD_IN_LAW = "child_in_law", _("Con dâu/con rể")
    OTHER = "other", _("Khác")


class Resident(TimeStampedModel):
    """A member of a household (nhân khẩu)."""

    AUDIT_REDACT = ("citizen_id",)

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="members", verbose_name=_("hộ")
    )
    province = province_field()
    full_name = models.CharField(_("họ và tên"), max_length=150)
    # fold(full_name) (coso.core.text: lower case, no diacritics), for search that
    # ignores marks and case on every database; every write of full_name sets it.
    search_name = models.CharField(max_length=150, editable=False, default="")
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField(_("ngày sinh"))
    citizen_id = models.CharField(
        _("số định danh cá nhân"), max_length=12, null=True, blank=True, unique=True
    )
    relation = models.CharField(_("quan hệ với chủ hộ"), max_length=16, choices=Relation.choices)
    is_representative = models.BooleanField(_("đại diện hộ"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("nhân khẩu")
        ordering = ["household_id", "-is_representative", "id"]
        constraints = [
            # At most one representative per household; household_save() and the forms
            # make it exactly one (GDL art. 18).
            unique_where(
                "household", is_representative=True, name="one_representative_per_household"
            ),
            models.CheckConstraint(
                condition=models.Q(citizen_id__isnull=True) | ~models.Q(citizen_id=""),
                name="resident_citizen_id_null_not_blank",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name
