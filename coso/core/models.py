from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import StrOrPromise, optional_link, user_field


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class StoredFile(TimeStampedModel):
    """An uploaded file already checked by type, content and size; subclasses add the
    `file` field (with their own folder) and the record it belongs to."""

    name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class CaseStep(models.Model):
    """One step of a case that moves through statuses (a follow-up, a petition): who
    took it, when, and the note that goes with it. Subclasses add the case it belongs
    to, its `status` with their own choices, and what else a step of theirs records.
    Steps are read in the order they were taken."""

    note = models.TextField(_("ghi chú"), blank=True)
    actor = user_field(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class AuditAction(models.TextChoices):
    CREATE = "create", _("Tạo")
    UPDATE = "update", _("Sửa")
    DELETE = "delete", _("Xóa")
    BULK = "bulk", _("Nạp hàng loạt")


# The chain of entries with no unit (national and system ones), and of every entry
# written before the log had one chain per province.
NATIONAL_CHAIN = 0


def _plain_id(to: str, verbose_name: StrOrPromise) -> "models.ForeignKey[Any, Any]":
    """A link kept as a plain id, with no foreign-key constraint and nothing done on
    delete: the row it names may go, the line of the log that names it stays."""
    return optional_link(
        to, verbose_name=verbose_name, on_delete=models.DO_NOTHING, db_constraint=False
    )


def _chain_field() -> models.BigIntegerField:
    return models.BigIntegerField(
        _("chuỗi"), default=NATIONAL_CHAIN, help_text=_("Mã tỉnh (id); 0 là chuỗi toàn quốc.")
    )


class AuditEntry(models.Model):
    """One append-only line of the audit log, chained to the line before in its chain.

    There is one chain per province (the province of the entry's unit, by its id) and a
    national one, so that writes in different provinces never wait for each other.
    Actor and unit are kept as plain ids (no foreign-key constraint) so that deleting a
    user or a unit can never rewrite a line of the log.
    """

    chain = _chain_field()
    seq = models.BigIntegerField(_("số thứ tự"))
    at = models.DateTimeField(_("thời điểm"))
    actor = _plain_id(settings.AUTH_USER_MODEL, _("người thực hiện"))
    actor_label = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("thao tác"), max_length=10, choices=AuditAction.choices)
    model = models.CharField(_("loại bản ghi"), max_length=100)
    object_pk = models.CharField(_("mã bản ghi"), max_length=64)
    unit = _plain_id("units.Unit", _("đơn vị"))
    changes = models.JSONField(_("thay đổi"), default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    # HMAC of `hash` under a key kept outside the database ("key id:hex"): whoever can
    # write the database alone cannot recompute a chain that still verifies.
    mac = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name = _("dòng nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["chain", "seq"]
        indexes = [models.Index(fields=["model", "object_pk"], name="audit_object_idx")]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_entry_chain_seq")
        ]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action} {self.model}:{self.object_pk}"


class AuditCheckpoint(models.Model):
    """The head of a chain as each day began, signed: shown on the public portal, so a
    rewritten history contradicts what anyone could have copied down."""

    chain = _chain_field()
    day = models.DateField(_("ngày"))
    seq = models.BigIntegerField(_("số dòng"))
    hash = models.CharField(max_length=64)
    mac = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("mốc nhật ký hằng ngày")
        ordering = ["-day", "chain"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "day"], name="audit_checkpoint_chain_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.chain}#{self.seq} {self.hash[:12]}"


class AuditHead(models.Model):
    """The row holding the last sequence number and hash of one chain.

    Appending locks its chain's row, so concurrent writers in one province take turns
    and the chain never forks, while other provinces' writers go on; verification also
    compares it with the chain's last entry, so deleting the tail is caught.
    """

    chain = models.BigIntegerField(_("chuỗi"), unique=True, default=NATIONAL_CHAIN)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.hash[:12]}"
