"""A unit's objections to a line of its published score, and the assessing body's
answers: accepted with a new score (the unit's total, the ranks and classes follow),
or rejected with its reasons."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.core.permissions import can
from coso.core.transitions import transition
from coso.emulation import scoring
from coso.emulation.models import Answer, Line, Objection, Status
from coso.emulation.services.runs import may_assess, retotal


def objection_lodge(*, actor: Any, line: Line, reason: str) -> Objection:
    """The unit's officials object to a line, with a reason, before the deadline."""
    run = line.result.run
    if not can(actor, "emulation.object", path=line.result.unit.path):
        raise DomainError(
            _("Chỉ cán bộ của đơn vị được kiến nghị về điểm của đơn vị."), field="reason"
        )
    today = timezone.localdate()
    if run.status != Status.OBJECTIONS or (
        run.objection_deadline and today > run.objection_deadline
    ):
        raise DomainError(_("Đã hết thời gian kiến nghị về kết quả này."), field="reason")
    if not reason.strip():
        raise DomainError(_("Cần ghi lý do kiến nghị."), field="reason")
    check_lengths(Objection, reason=reason)
    with transaction.atomic():
        objection = Objection.objects.create(
            line=line, reason=reason.strip(), by=audit.acting_user(actor)
        )
        audit.log_create(actor=actor, obj=objection, unit_id=line.result.unit_id)
    return objection


def objection_answer(
    *, actor: Any, objection: Objection, accept: bool, reply: str, points: Decimal | None = None
) -> Objection:
    """Accept (with the line's new score) or reject (with reasons) an open objection."""
    line = objection.line
    run = line.result.run
    if not may_assess(actor, run):
        raise DomainError(_("Bạn không có quyền trả lời kiến nghị này."), field="reply")
    if run.status != Status.OBJECTIONS:
        raise DomainError(_("Kết quả không còn ở giai đoạn nhận kiến nghị."), field="reply")
    if not reply.strip():
        raise DomainError(_("Cần ghi nội dung trả lời."), field="reply")
    weight = line.criterion.weight
    if accept and (points is None or not 0 <= points <= weight):
        raise DomainError(_("Điểm mới phải từ 0 đến %(max)s.") % {"max": weight}, field="points")
    check_lengths(Objection, reply=reply)
    fields: dict[str, Any] = {
        "reply": reply.strip(),
        "answered_by": audit.acting_user(actor),
        "answered_at": timezone.now(),
        "points_before": line.points,
    }
    with transaction.atomic():
        if accept:
            fields["points_after"] = scoring.quantize(points or 0)
        transition(
            objection,
            actor=actor,
            from_states=(Answer.OPEN,),
            to=Answer.ACCEPTED if accept else Answer.REJECTED,
            fields=fields,
            unit_id=line.result.unit_id,
            field="reply",
        )
        if accept:
            transition(
                line,
                actor=actor,
                from_states=None,
                where={"result__run__status": Status.OBJECTIONS},
                fields={"points": fields["points_after"]},
                unit_id=line.result.unit_id,
            )
            retotal(run)
    return objection
