"""Suspending a complaint's resolution and continuing it (LC art. 11a, added by Law
136/2025/QH15; D124 arts. 28a–28b, added by D155/2026): the official records the
suspension decision (number, date, reason) and later the decision to continue (date).
The days between the two are not counted: the resolution period runs again from the
decision to continue, so the due date moves by them (rule `complaint.suspension`).

Both moves are conditional updates on the petition's status: two officials acting at
once cannot both win. Every move is audited, shown on the petition's page and on the
sender's tracking page."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit
from coso.core.dates import vn_date
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.petitions import services
from coso.petitions.models import Action, Kind, Petition, Status, Suspension
from coso.rules.services import RuleMissing

RULE = "complaint.suspension"


@dataclass(frozen=True)
class SuspensionData:
    decision_number: str
    decided_on: dt.date
    reason: str


def _check_in_force(day: dt.date) -> None:
    """The suspension exists from the day the law added it; D155 art. 22(1) applies it
    to complaints accepted before that day as well, so the decision's date decides."""
    try:
        rules.value(RULE, on=day)
    except RuleMissing as error:
        first = rules.first_day(RULE)
        raise DomainError(
            _("Tạm đình chỉ giải quyết khiếu nại áp dụng từ %(day)s (%(cite)s).")
            % {
                "day": vn_date(first) if first else "—",
                "cite": rules.citation(RULE, on=first) if first else "",
            },
            field="decided_on",
        ) from error


def _validate(petition: Petition, data: SuspensionData) -> None:
    if petition.kind != Kind.COMPLAINT:
        raise DomainError(_("Chỉ tạm đình chỉ việc giải quyết khiếu nại."))
    if petition.status != Status.ACCEPTED or not petition.accepted_on or not petition.due_on:
        raise DomainError(_("Chỉ tạm đình chỉ khiếu nại đã thụ lý và đang giải quyết."))
    if not data.decision_number.strip():
        raise DomainError(_("Hãy ghi số quyết định tạm đình chỉ."), field="decision_number")
    if not data.reason.strip():
        raise DomainError(_("Hãy ghi lý do tạm đình chỉ."), field="reason")
    check_lengths(Suspension, decision_number=data.decision_number.strip())
    if not petition.accepted_on <= data.decided_on <= timezone.localdate():
        raise DomainError(
            _("Ngày quyết định tạm đình chỉ phải từ ngày thụ lý %(day)s đến hôm nay.")
            % {"day": vn_date(petition.accepted_on)},
            field="decided_on",
        )
    _check_in_force(data.decided_on)


def complaint_suspend(*, actor: Any, petition: Petition, data: SuspensionData) -> Suspension:
    """Record the decision suspending the complaint's resolution: its clock stops (no
    due date runs while suspended) and the sender is told."""
    _validate(petition, data)
    number, reason = data.decision_number.strip(), data.reason.strip()
    due_before = petition.due_on
    assert due_before is not None
    with transaction.atomic():
        services._move(
            actor, petition, (Status.ACCEPTED,), status=Status.SUSPENDED, due_on=None, next_due=None
        )
        suspension = Suspension.objects.create(
            petition=petition,
            decision_number=number,
            decided_on=data.decided_on,
            reason=reason,
            due_before=due_before,
            actor=audit.acting_user(actor),
        )
        note = _("Quyết định số %(n)s ngày %(day)s: %(reason)s") % {
            "n": number,
            "day": vn_date(data.decided_on),
            "reason": reason,
        }
        services._event(petition, actor, Action.SUSPENDED, note)
        audit.log_create(actor=actor, obj=suspension, unit_id=petition.unit_id)
        services._notify_sender(petition, _("Tạm đình chỉ giải quyết"))
    return suspension


def resumed_due(petition: Petition, suspended_days: int) -> dt.date:
    """The resolution period from acceptance, by the rule the complaint started under,
    without the days it stood suspended."""
    assert petition.accepted_on is not None
    return rules.due_date(
        petition.rules["resolve"],
        petition.accepted_on,
        remote_area=petition.remote_area,
        complex_case=petition.complex_case,
        on=dt.date.fromisoformat(petition.rules["on"]),
        suspended_days=suspended_days,
    )


def complaint_resume(
    *, actor: Any, petition: Petition, resumed_on: dt.date, decision_number: str = ""
) -> Petition:
    """Record the decision to continue: the clock runs again from its date, and the due
    date moves by the days the resolution stood suspended (D124 art. 28b(2))."""
    suspension = petition.suspensions.filter(resumed_on__isnull=True).first()
    if petition.status != Status.SUSPENDED or suspension is None:
        raise DomainError(_("Đơn này không ở trạng thái tạm đình chỉ."))
    if not suspension.decided_on <= resumed_on <= timezone.localdate():
        raise DomainError(
            _("Ngày quyết định tiếp tục phải từ ngày tạm đình chỉ %(day)s đến hôm nay.")
            % {"day": vn_date(suspension.decided_on)},
            field="resumed_on",
        )
    number = decision_number.strip()
    check_lengths(Suspension, resume_number=number)
    days = (resumed_on - suspension.decided_on).days
    total = petition.suspended_days + days
    due = resumed_due(petition, total)
    with transaction.atomic():
        services._move(
            actor,
            petition,
            (Status.SUSPENDED,),
            status=Status.ACCEPTED,
            due_on=due,
            next_due=due,
            suspended_days=total,
        )
        suspension_before = audit.snapshot(suspension)
        if not Suspension.objects.filter(pk=suspension.pk, resumed_on__isnull=True).update(
            resumed_on=resumed_on, resume_number=number
        ):
            raise DomainError(_("Đơn này vừa được xử lý hoặc không còn ở bước này; hãy tải lại."))
        suspension.resumed_on, suspension.resume_number = resumed_on, number
        note = _(
            "Quyết định tiếp tục giải quyết %(n)s ngày %(day)s; %(days)s ngày tạm đình chỉ "
            "không tính vào thời hạn, hạn giải quyết mới %(due)s."
        ) % {"n": number or "—", "day": vn_date(resumed_on), "days": days, "due": vn_date(due)}
        services._event(petition, actor, Action.RESUMED, note)
        audit.log_update(
            actor=actor, obj=suspension, before=suspension_before, unit_id=petition.unit_id
        )
        services._notify_sender(petition, _("Tiếp tục giải quyết"))
    return petition
