"""Follow-ups from promise to proof. Other apps create them through `followup_create`
inside their own transaction; the owning unit's officials move them; the resident who
raised one confirms or objects with the code handed to them."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit, hooks, indicators
from coso.core.codes import normalise, random_code
from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.limits import check_lengths, check_lengths_of
from coso.core.permissions import can
from coso.core.transitions import transition
from coso.core.uploads import check_uploads, stored_files
from coso.followups.models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Evidence,
    FollowUp,
    Response,
    Status,
    Step,
)
from coso.notices.services import notify
from coso.units.selectors import COMMUNITY_KINDS, Unit

CODE_LENGTH = 10
# Where a status may go from.
MOVES: dict[str, tuple[str, ...]] = {
    Status.IN_PROGRESS: (Status.OPEN, Status.DONE, Status.CANNOT),
    Status.DONE: OPEN_STATUSES,
    Status.CANNOT: OPEN_STATUSES,
}


@dataclass
class Promise:
    """What another app asks to be followed up."""

    text: str
    unit: Unit
    owner_name: str
    due_on: dt.date | None
    opened_on: dt.date
    topic: str = "other"  # a topic code of the catalogue (coso.concerns)
    owner: Any = None
    raised_by_resident: bool = False
    raiser_name: str = ""
    raiser_contact: str = ""
    files: Sequence[UploadedFile] = field(default_factory=tuple)


def _touch(followup: FollowUp) -> None:
    """The follow-ups' figures, and those of the app it came from (an inspection
    board counts its recommendations answered on time)."""
    days = [followup.opened_on, followup.due_on, followup.closed_on, followup.responded_on]
    indicators.touched("followups", followup.unit_id, days)
    origin = ContentType.objects.get_for_id(followup.origin_type_id).app_label
    indicators.touched(origin, followup.unit_id, days)


def check_promise(promise: Promise) -> None:
    """The checks a promise passes before its origin is saved (a form shows them)."""
    if not promise.text.strip():
        raise DomainError(_("Cần ghi nội dung cam kết."), field="text")
    if not promise.owner_name.strip():
        raise DomainError(_("Cần ghi người chịu trách nhiệm."), field="owner_name")
    if promise.due_on is None:
        raise DomainError(_("Cần ghi hạn thực hiện."), field="due_on")
    if promise.due_on < promise.opened_on:
        raise DomainError(
            _("Hạn thực hiện không được trước ngày cam kết (%(day)s).")
            % {"day": vn_date(promise.opened_on)},
            field="due_on",
        )
    if promise.due_on > promise.opened_on + dt.timedelta(days=3 * 366):
        raise DomainError(_("Hạn thực hiện quá ba năm kể từ ngày cam kết."), field="due_on")
    if promise.unit.kind in COMMUNITY_KINDS:
        raise DomainError(
            _("Đơn vị chịu trách nhiệm là xã, phường, cơ quan hoặc tỉnh, không phải thôn, tổ."),
            field="unit",
        )
    if not hooks.ask("topics.is_topic")(promise.topic):
        raise DomainError(_("Lĩnh vực không hợp lệ."), field="topic")
    check_lengths_of(FollowUp, promise, "text", "owner_name", "raiser_name", "raiser_contact")


def followup_create(*, actor: Any, origin: models.Model, label: str, promise: Promise) -> FollowUp:
    """Record a promise made at `origin` (the caller checks the actor may record the
    origin, and calls this inside its transaction)."""
    check_promise(promise)
    assert promise.due_on is not None
    followup = FollowUp.objects.create(
        text=promise.text.strip(),
        topic=promise.topic,
        unit=promise.unit,
        owner=promise.owner,
        owner_name=promise.owner_name.strip(),
        opened_on=promise.opened_on,
        due_on=promise.due_on,
        raised_by_resident=promise.raised_by_resident,
        raiser_name=promise.raiser_name.strip(),
        raiser_contact=promise.raiser_contact.strip(),
        confirm_code=random_code(CODE_LENGTH) if promise.raised_by_resident else None,
        origin=origin,
        origin_label=label[:255],
    )
    Step.objects.create(followup=followup, status=Status.OPEN, actor=audit.acting_user(actor))
    audit.log_create(actor=actor, obj=followup, unit_id=followup.unit_id)
    _touch(followup)
    return followup


def check_owner(actor: Any, followup: FollowUp) -> None:
    if not can(actor, "followups.write", path=followup.unit.path):
        raise DomainError(_("Bạn không có quyền cập nhật việc của đơn vị này."), field="status")


def followup_move(
    *,
    actor: Any,
    followup: FollowUp,
    status: str,
    note: str = "",
    files: Sequence[UploadedFile] = (),
    on: dt.date | None = None,
) -> FollowUp:
    """Report progress: in progress; done (with evidence: a note or a file); or cannot
    be done (with the reason). Closing sets the day and whether it was on time."""
    check_owner(actor, followup)
    note = note.strip()
    _check_move(followup, status, note, files)
    file_types = check_uploads(files)
    day = on or timezone.localdate()
    _check_day(followup, day)
    with transaction.atomic():
        _touch(followup)  # the periods it counted in before the move
        # From the state the official saw: of two moves made at once, one wins.
        transition(
            followup,
            actor=actor,
            from_states=(followup.status,),
            to=status,
            fields=_move_fields(followup, status, day, note),
            field="status",
        )
        step = Step.objects.create(
            followup=followup, status=status, note=note, actor=audit.acting_user(actor)
        )
        _evidence_create(followup, step, files, file_types)
        _touch(followup)
        if status in CLOSED_STATUSES:
            _tell_raiser(followup)
    return followup


def _check_move(followup: FollowUp, status: str, note: str, files: Sequence[UploadedFile]) -> None:
    """The move is one the follow-up's state allows, and carries what it needs: evidence
    to be done, a reason to be impossible."""
    if followup.status not in MOVES.get(status, ()):
        raise DomainError(
            _("Không thể chuyển từ “%(old)s” sang “%(new)s”.")
            % {"old": followup.get_status_display(), "new": Status(status).label}
            if status in Status.values
            else _("Trạng thái không hợp lệ."),
            field="status",
        )
    if status == Status.DONE and not note and not files:
        raise DomainError(_("Cần minh chứng: ghi kết quả hoặc đính kèm tệp, ảnh."), field="note")
    if status == Status.CANNOT and not note:
        raise DomainError(_("Cần ghi lý do không thực hiện được."), field="note")
    check_lengths(Step, note=note)


def _check_day(followup: FollowUp, day: dt.date) -> None:
    if day < followup.opened_on or day > latest_day(future=False):
        raise DomainError(
            _("Ngày hoàn thành phải từ ngày cam kết (%(start)s) đến hôm nay.")
            % {"start": vn_date(followup.opened_on)},
            field="on",
        )


def _evidence_create(
    followup: FollowUp, step: Step, files: Sequence[UploadedFile], file_types: list[str]
) -> None:
    for fields in stored_files(files, file_types):
        Evidence.objects.create(followup=followup, step=step, **fields)


def _move_fields(followup: FollowUp, status: str, day: dt.date, note: str) -> dict[str, Any]:
    """What a move sets besides the status: closing sets the day, whether it was on
    time and the result, which the raiser answers next; re-opening clears them."""
    if status in CLOSED_STATUSES:
        return {
            "closed_on": day,
            "on_time": status == Status.DONE and day <= followup.due_on,
            "result": note,
            "response": Response.NONE,
        }
    return {"closed_on": None, "on_time": None, "response": Response.NONE, "responded_on": None}


def _tell_raiser(followup: FollowUp) -> None:
    if "@" not in followup.raiser_contact or not followup.confirm_code:
        return
    notify(
        key=f"followup-raiser:{followup.pk}:{followup.steps.count()}",
        to=followup.raiser_contact,
        subject=_("[Coso] Ý kiến của bạn: %(status)s") % {"status": followup.get_status_display()},
        body=_(
            "Việc bạn nêu “%(text)s” đã được báo là: %(status)s. Bạn xác nhận hoặc cho ý "
            "kiến tại trang xác nhận bằng mã %(code)s."
        )
        % {
            "text": followup.text[:200],
            "status": followup.get_status_display(),
            "code": followup.confirm_code,
        },
    )


def followup_by_code(code: str) -> FollowUp | None:
    key = normalise(code)
    if len(key) != CODE_LENGTH:
        return None
    return FollowUp.objects.select_related("unit").filter(confirm_code=key).first()


def followup_claim(*, followup: FollowUp, household: Any) -> None:
    """The household signed in entered this follow-up's code: it raised it, and follows
    it on its page from now on (the first household to do so keeps it)."""
    if followup.household_id is None:
        FollowUp.objects.filter(pk=followup.pk, household__isnull=True).update(household=household)


def followup_respond(*, code: str, confirmed: bool, note: str = "") -> FollowUp:
    """The resident who raised it confirms that it was done, or objects (with what is
    wrong). An objection re-opens the follow-up and tells its owner."""
    followup = followup_by_code(code)
    if followup is None:
        raise DomainError(_("Mã xác nhận không đúng."), field="code")
    if followup.status not in CLOSED_STATUSES:
        raise DomainError(_("Việc này chưa được báo là đã xong: chưa thể xác nhận."), field="code")
    if followup.response == Response.CONFIRMED:
        raise DomainError(_("Bạn đã xác nhận việc này."), field="code")
    note = note.strip()
    if not confirmed and not note:
        raise DomainError(_("Cần ghi điều bạn chưa đồng ý."), field="note")
    check_lengths(FollowUp, response_note=note)
    response = Response.CONFIRMED if confirmed else Response.OBJECTED
    fields: dict[str, Any] = {
        "response": response,
        "response_note": note,
        "responded_on": timezone.localdate(),
    }
    if not confirmed:
        fields |= {"closed_on": None, "on_time": None}
    with transaction.atomic():
        _touch(followup)
        # Only on the result the resident saw, answered as they saw it.
        transition(
            followup,
            actor=None,
            from_states=(followup.status,),
            to=None if confirmed else Status.IN_PROGRESS,
            fields=fields,
            where={"response": followup.response},
            field="code",
        )
        Step.objects.create(followup=followup, status=followup.status, response=response, note=note)
        _touch(followup)
        if not confirmed and followup.owner is not None:
            notify(
                key=f"followup-objection:{followup.pk}:{followup.steps.count()}",
                to=followup.owner.email,
                user=followup.owner,
                subject=_("[Coso] Người dân không đồng ý: %(text)s") % {"text": followup.text[:80]},
                body=note,
            )
    return followup
