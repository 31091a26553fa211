from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import optional_link
from coso.core.models import TimeStampedModel
from coso.core.roles import MONITORING_ROLES, NATIONWIDE_ROLES, Role

# The roles' catalogue lives in coso/core/roles.py; readers name it from here as before.
__all__ = [
    "MONITORING_ROLES",
    "NATIONWIDE_ROLES",
    "ApiToken",
    "OidcIdentity",
    "Role",
    "RoleAssignment",
    "User",
]


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleAssignment(TimeStampedModel):
    """Binds a user to a unit with a role; the role covers the unit's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("người dùng"),
    )
    unit = optional_link(
        "units.Unit",
        related_name="roles",
        verbose_name=_("đơn vị"),
        help_text=_("Để trống nghĩa là toàn quốc (chỉ cho quản trị và theo dõi Trung ương)."),
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = _("phân công vai trò")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="role_once_per_unit"),
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False)
                | models.Q(role__in=[r.value for r in NATIONWIDE_ROLES]),
                name="role_unit_required_unless_nationwide",
            ),
        ]

    def __str__(self) -> str:
        where = self.unit.name if self.unit is not None else _("toàn quốc")
        return f"{self.user} — {self.get_role_display()} — {where}"


class ApiToken(models.Model):
    """A personal API token: another system calls the API as this official, with their
    roles. Only a SHA-256 of the secret is stored; the secret is shown once, at creation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("người dùng"),
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=100)
    # The public part of the token ("coso_<prefix>_<secret>"), to find it without the secret.
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("khóa API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


class OidcIdentity(models.Model):
    """An account at an OpenID Connect provider bound to a Coso account: the provider's
    `sub` (stable, never reassigned) is matched on later sign-ins, not the claim that
    matched first (a username or e-mail the provider may later give someone else)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oidc_identities",
        verbose_name=_("người dùng"),
    )
    issuer = models.CharField(_("nhà cung cấp định danh"), max_length=255)
    subject = models.CharField(_("mã định danh (sub)"), max_length=255)
    created_at = models.DateTimeField(_("gắn lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("tài khoản định danh bên ngoài")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="oidc_subject_once"),
            # One provider account per Coso account and provider.
            models.UniqueConstraint(fields=["issuer", "user"], name="oidc_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} — {self.subject}"
