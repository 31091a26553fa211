"""Publishing, amending and taking down disclosures. Each function owns its transaction
and audit entry; files are checked before anything is written."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit, indicators
from coso.core.dates import vn_date
from coso.core.errors import DomainError
from coso.core.limits import check_lengths, check_lengths_of
from coso.core.permissions import can
from coso.core.text import fold
from coso.core.transitions import transition
from coso.core.uploads import check_uploads, stored_files
from coso.disclosures import catalogues
from coso.disclosures.models import Attachment, AttachmentKind, Disclosure
from coso.people.services import province_id_of
from coso.units.selectors import Unit


@dataclass
class DisclosureData:
    category: str
    title: str
    body: str = ""
    channels: list[str] = field(default_factory=list)
    decided_on: dt.date | None = None
    posted_on: dt.date | None = None
    files: Sequence[UploadedFile] = ()
    evidence: Sequence[UploadedFile] = ()


def _check_editor(actor: Any, unit: Unit) -> None:
    if not can(actor, "disclosures.write", path=unit.path):
        raise DomainError(_("Bạn không có quyền công khai thông tin cho đơn vị này."), field="unit")


def _validate(unit: Unit, data: DisclosureData, today: dt.date) -> dict[str, Any]:
    if catalogues.rules_for(unit) is None:
        raise DomainError(_("Đơn vị này không có danh mục nội dung phải công khai."), field="unit")
    first = catalogues.first_day(unit)
    if data.posted_on is not None and first is not None and data.posted_on < first:
        raise DomainError(
            _("Ngày công khai phải từ %(day)s trở đi, ngày danh mục phải công khai có hiệu lực.")
            % {"day": vn_date(first)},
            field="posted_on",
        )
    item = catalogues.item(unit, data.category, on=data.posted_on)
    if item is None:
        raise DomainError(
            _("Hãy chọn một nội dung trong danh mục phải công khai."), field="category"
        )
    if not data.title.strip():
        raise DomainError(_("Tiêu đề không được để trống."), field="title")
    check_lengths_of(Disclosure, data, "title", "body")
    channel_keys = {c["key"] for c in rules.value("disclosure.channels", on=data.posted_on)}
    if not data.channels or not set(data.channels) <= channel_keys:
        raise DomainError(_("Hãy chọn ít nhất một hình thức công khai hợp lệ."), field="channels")
    if data.posted_on is None or data.posted_on > today:
        raise DomainError(_("Ngày công khai không được sau ngày hôm nay."), field="posted_on")
    if data.decided_on and data.decided_on > data.posted_on:
        raise DomainError(
            _("Ngày ban hành văn bản không được sau ngày công khai."), field="decided_on"
        )
    return item


def _dates(unit: Unit, item: dict[str, Any], data: DisclosureData) -> dict[str, Any]:
    """Deadline, lateness and earliest take-down, by the rules in force when posted."""
    found = catalogues.rules_for(unit)
    assert found is not None and data.posted_on is not None
    # A document issued before the deadline rule was in force had no deadline under it.
    since = rules.first_day(found.deadline)
    decided = data.decided_on
    dated = decided is not None and since is not None and decided >= since
    due_by = rules.due_date(found.deadline, decided) if decided and dated else None
    permanent = item.get("posting") == catalogues.PERMANENT
    keep_until = None
    if item.get("posting") == catalogues.MIN and found.min_days:
        keep_until = rules.due_date(found.min_days, data.posted_on)
    elif item.get("posting") == catalogues.NONE:
        keep_until = data.posted_on
    return {
        "due_by": due_by,
        "is_late": bool(due_by and data.posted_on > due_by),
        "is_permanent": permanent,
        "keep_until": keep_until,
    }


def _attach(
    disclosure: Disclosure, files: Sequence[UploadedFile], types: list[str], kind: str
) -> list[Attachment]:
    return [
        Attachment.objects.create(disclosure=disclosure, kind=kind, **fields)
        for fields in stored_files(files, types)
    ]


def disclosure_publish(*, actor: Any, unit: Unit, data: DisclosureData) -> Disclosure:
    """Record that `unit` made something public; the law's dates are computed and kept."""
    _check_editor(actor, unit)
    data.posted_on = data.posted_on or timezone.localdate()
    item = _validate(unit, data, timezone.localdate())
    file_types = check_uploads(data.files)
    evidence_types = check_uploads(data.evidence, images_only=True)
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            unit=unit,
            province_id=province_id_of(unit),
            catalogue=catalogues.rules_for(unit).catalogue,  # type: ignore[union-attr]
            category=data.category,
            title=data.title.strip(),
            body=data.body.strip(),
            search_text=fold(f"{data.title} {data.body}"),
            channels=sorted(data.channels),
            decided_on=data.decided_on,
            posted_on=data.posted_on,
            created_by=audit.acting_user(actor),
            **_dates(unit, item, data),
        )
        _attach(disclosure, data.files, file_types, AttachmentKind.DOCUMENT)
        _attach(disclosure, data.evidence, evidence_types, AttachmentKind.EVIDENCE)
        audit.log_create(actor=actor, obj=disclosure, unit_id=unit.pk)
        indicators.touched("disclosures", unit.pk, [disclosure.posted_on])
    return disclosure


def disclosure_amend(
    *,
    actor: Any,
    disclosure: Disclosure,
    title: str,
    body: str,
    channels: list[str],
    files: Sequence[UploadedFile] = (),
    evidence: Sequence[UploadedFile] = (),
) -> Disclosure:
    """A new version with new text; the old version stays visible in the history.

    The posting dates do not change: it is the same disclosure, corrected.
    """
    _check_editor(actor, disclosure.unit)
    if not disclosure.is_current or not disclosure.is_up:
        raise DomainError(_("Chỉ sửa được phiên bản hiện hành đang công khai."), field="title")
    data = DisclosureData(
        category=disclosure.category,
        title=title,
        body=body,
        channels=channels,
        posted_on=disclosure.posted_on,
        decided_on=disclosure.decided_on,
    )
    _validate(disclosure.unit, data, timezone.localdate())
    file_types = check_uploads(files)
    evidence_types = check_uploads(evidence, images_only=True)
    with transaction.atomic():
        _retire(disclosure)
        previous_attachments = list(disclosure.attachments.all())
        disclosure.is_current = False
        before = audit.snapshot(disclosure)
        new = _next_version(disclosure, actor, title, body, channels)
        _attachments_copy(new, previous_attachments)
        _attach(new, files, file_types, AttachmentKind.DOCUMENT)
        _attach(new, evidence, evidence_types, AttachmentKind.EVIDENCE)
        audit.log_update(actor=actor, obj=new, before=before, unit_id=new.unit_id)
        indicators.touched("disclosures", new.unit_id, [new.posted_on])
    return new


def _retire(disclosure: Disclosure) -> None:
    """The current version stops being current; of two amendments made at once, one wins
    (a conditional UPDATE)."""
    changed = Disclosure.objects.filter(pk=disclosure.pk, is_current=True).update(is_current=False)
    if changed != 1:
        raise DomainError(_("Nội dung này vừa được người khác sửa; hãy tải lại trang."))


def _next_version(
    disclosure: Disclosure, actor: Any, title: str, body: str, channels: list[str]
) -> Disclosure:
    """The instance saved again as a new row, the next version with the new text; its
    dates are the old version's."""
    new = disclosure
    new.pk = None
    new._state.adding = True
    new.version += 1
    new.is_current = True
    new.title, new.body = title.strip(), body.strip()
    new.search_text, new.channels = fold(f"{title} {body}"), sorted(channels)
    new.created_by = audit.acting_user(actor)
    new.save()
    return new


def _attachments_copy(new: Disclosure, previous: list[Attachment]) -> None:
    """The new version keeps the old one's files (the same stored files, new rows)."""
    Attachment.objects.bulk_create(
        [
            Attachment(
                disclosure=new,
                kind=a.kind,
                file=a.file.name,
                name=a.name,
                content_type=a.content_type,
                size=a.size,
            )
            for a in previous
        ]
    )


def disclosure_take_down(
    *, actor: Any, disclosure: Disclosure, on: dt.date | None = None, reason: str = ""
) -> Disclosure:
    """Take a disclosure down. Before the law's minimum period, or for content that must
    stay posted permanently, a reason is required and the take-down is flagged."""
    _check_editor(actor, disclosure.unit)
    day = on or timezone.localdate()
    if day < disclosure.posted_on:
        raise DomainError(_("Ngày gỡ không được trước ngày công khai."), field="taken_down_on")
    if day > timezone.localdate():
        # A take-down is recorded when it happens; it is not scheduled.
        raise DomainError(_("Ngày gỡ không được sau hôm nay."), field="taken_down_on")
    early = disclosure.is_permanent or bool(disclosure.keep_until and day < disclosure.keep_until)
    check_lengths(Disclosure, takedown_reason=reason)
    if early and not reason.strip():
        raise DomainError(
            _("Gỡ trước thời hạn niêm yết tối thiểu phải ghi rõ lý do."), field="takedown_reason"
        )
    with transaction.atomic():
        transition(
            disclosure,
            actor=actor,
            from_states=None,
            where={"is_current": True, "taken_down_on__isnull": True},
            fields={
                "taken_down_on": day,
                "takedown_reason": reason.strip(),
                "taken_down_early": early,
            },
            message=_("Nội dung này đã được gỡ hoặc đã có phiên bản mới."),
        )
        indicators.touched("disclosures", disclosure.unit_id, [disclosure.posted_on, day])
    return disclosure
