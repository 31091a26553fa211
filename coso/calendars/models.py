"""What each event of a feed last said, and the secret addresses of private feeds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """One event's UID, a digest of its time, place and status as last published, and
    its SEQUENCE (RFC 5545 §3.8.7.4), raised each time that digest changes: a calendar
    that subscribed then replaces the event it holds instead of keeping both."""

    uid = models.CharField(max_length=100, unique=True)
    digest = models.CharField(max_length=64)
    sequence = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.uid} #{self.sequence}"


class FeedKey(models.Model):
    """The secret address of an official's private feed: only its SHA-256 is stored;
    revoked, the address answers 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_keys"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("địa chỉ lịch riêng")
        verbose_name_plural = _("địa chỉ lịch riêng")

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%d/%m/%Y}"
