"""The outbox: every notice any app sends is one row, written in the same transaction
as the change it tells of, and delivered by one sender at most once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.crypto import decrypt_json, encrypt_json
from coso.core.fields import user_field


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Tin nhắn Zalo")


class State(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")


class Delivery(models.TextChoices):
    """What the gateway last said of a sent notice (its delivery report)."""

    UNKNOWN = "", _("Chưa rõ")
    DELIVERED = "delivered", _("Đã đến người nhận")
    UNDELIVERED = "undelivered", _("Không đến được")


class Notice(models.Model):
    """One message to one address. `key` names what it tells (e.g. "the reminder of
    owner 12 on 25/11/2026"): a second notice with the same key is never written, so a
    command run twice sends nothing twice."""

    key = models.CharField(max_length=200, unique=True)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    to = models.CharField(_("gửi tới"), max_length=254)
    user = user_field(blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A failed send is tried again from this moment (backoff), not before.
    retry_at = models.DateTimeField(null=True, blank=True)
    # The gateway's id for the message, and what its delivery report said.
    provider_id = models.CharField(max_length=100, blank=True)
    delivery = models.CharField(max_length=12, choices=Delivery.choices, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("thông báo")
        indexes = [
            models.Index(fields=["state", "id"], name="notice_queue_idx"),
            models.Index(
                fields=["channel", "provider_id"],
                name="notice_provider_idx",
                condition=~models.Q(provider_id=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class ZaloToken(models.Model):
    """The Official Account's OAuth tokens (one row): the access token and when it
    expires, and the refresh token Zalo gave with it (each is used once). Both tokens
    are kept encrypted at rest in `sealed` (coso.core.crypto, keys COSO_FIELD_KEYS), as
    a petition's sender is: whoever reads the database does not read the OA's tokens."""

    sealed = models.TextField(blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("mã truy cập Zalo")

    def __str__(self) -> str:  # never the tokens themselves
        return f"Zalo OA token, expires {self.expires_at}"

    def _tokens(self) -> dict[str, str]:
        return decrypt_json(self.sealed)

    def _seal(self, **tokens: str) -> None:
        self.sealed = encrypt_json(self._tokens() | tokens)

    @property
    def access_token(self) -> str:
        return str(self._tokens().get("access_token", ""))

    @access_token.setter
    def access_token(self, value: str) -> None:
        self._seal(access_token=value)

    @property
    def refresh_token(self) -> str:
        return str(self._tokens().get("refresh_token", ""))

    @refresh_token.setter
    def refresh_token(self, value: str) -> None:
        self._seal(refresh_token=value)


class Preference(models.Model):
    """A resident's choice of how to be told: the channel they read, or no notices at
    all. `recipient` names who chose, as the app that knows them writes it
    ("household:12", "petition:345" for a sender known only by a tracking code), so
    the outbox names no other app's table. No row: the default channel
    (`COSO_NOTICE_RESIDENT_CHANNEL`)."""

    recipient = models.CharField(max_length=60, unique=True)
    channel = models.CharField(
        _("kênh nhận"), max_length=8, choices=Channel.choices, default=Channel.SMS
    )
    stopped = models.BooleanField(_("không nhận thông báo"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("lựa chọn nhận thông báo")

    def __str__(self) -> str:
        return f"{self.recipient}: {'stopped' if self.stopped else self.channel}"
