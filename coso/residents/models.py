"""A household signing in as itself: a login printed by the village head with a one-time
activation code, then a PIN of the household's own (or a code sent to the phone on the
household list). No account, no name: the household is the identity that votes online,
follows its petitions and confirms the follow-ups it raised."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HouseholdAccess(models.Model):
    household = models.OneToOneField(
        "people.Household", on_delete=models.CASCADE, related_name="access"
    )
    login = models.CharField(_("mã đăng nhập"), max_length=12, unique=True)
    # Secrets are kept hashed (Django's password hashers): the one-time activation code
    # the village head printed, the household's PIN, the last code sent by SMS.
    activation = models.CharField(max_length=128, blank=True)
    activation_issued_at = models.DateTimeField(null=True, blank=True)
    pin = models.CharField(max_length=128, blank=True)
    pin_set_at = models.DateTimeField(null=True, blank=True)
    sms_code = models.CharField(max_length=128, blank=True)
    sms_expires_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Sessions carry this number: changing it (revoke, re-issue) ends every session.
    generation = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = verbose_name_plural = _("đăng nhập của hộ")

    def __str__(self) -> str:
        return self.login
