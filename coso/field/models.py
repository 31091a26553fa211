"""Entries received from the phones: one row per (user, identifier made on the device),
so a queue sent twice is recorded once and the second send gets the first answer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MEETING = "meeting", _("Điểm danh và biểu quyết cuộc họp")
    PETITION = "petition", _("Đơn nhận trực tiếp")
    VISIT = "visit", _("Lượt tiếp công dân")
    DIALOGUE = "dialogue", _("Câu hỏi và cam kết tại hội nghị")
    FINDING = "finding", _("Kết quả kiểm tra của Ban Thanh tra nhân dân")
    PAPER = "paper", _("Nhập phiếu giấy của vòng bỏ phiếu kín")


class Outcome(models.TextChoices):
    OK = "ok", _("Đã ghi")
    CONFLICT = "conflict", _("Xung đột")
    ERROR = "error", _("Lỗi")


class FieldEntry(models.Model):
    """One entry made on a device and the answer it got, kept so that it is run once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="field_entries"
    )
    entry_id = models.UUIDField(_("mã mục trên thiết bị"))
    kind = models.CharField(max_length=16, choices=Kind.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    # What the answer said (message, tracking code…), returned again to a repeated send.
    result = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mục gửi từ thiết bị")
        verbose_name_plural = _("mục gửi từ thiết bị")
        constraints = [
            models.UniqueConstraint(fields=["user", "entry_id"], name="field_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.entry_id}"
