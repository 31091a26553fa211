from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import optional_link
from coso.core.models import TimeStampedModel


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    VILLAGE = "village", _("Thôn, bản, ấp")
    RESIDENTIAL_GROUP = "residential_group", _("Tổ dân phố")
    AGENCY = "agency", _("Cơ quan, đơn vị")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")


# Kinds of unit that hold households.
COMMUNITY_KINDS = (UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP)


class DivisionType(models.TextChoices):
    """The official division type, as in the national list of administrative units."""

    TINH = "tinh", _("tỉnh")
    THANH_PHO_TRUNG_UONG = "thanh_pho_trung_uong", _("thành phố trực thuộc trung ương")
    XA = "xa", _("xã")
    PHUONG = "phuong", _("phường")
    DAC_KHU = "dac_khu", _("đặc khu")


class Unit(TimeStampedModel):
    """A node of the map: province, commune, village or residential group, agency, enterprise.

    `path` is the chain of codes from the province down ("/12/03379/03379-001/"), so a
    whole subtree is one indexed prefix query. Units are never deleted when the map
    changes: they get `valid_to` and a link to the unit(s) they were merged into.
    """

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    division_type = models.CharField(
        _("loại đơn vị hành chính"), max_length=24, choices=DivisionType.choices, blank=True
    )
    parent = optional_link("self", related_name="children", verbose_name=_("đơn vị cấp trên"))
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True)
    merged_into = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="merged_from",
        verbose_name=_("sáp nhập vào"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        indexes = [models.Index(fields=["parent", "search_name"], name="unit_children_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_community(self) -> bool:
        return self.kind in COMMUNITY_KINDS
