"""Handling steps after intake: accept, refuse, transfer, extend and resolve, each a
conditional status change recorded in the history and told to the sender."""

import datetime as dt
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from coso import rules
from coso.core import audit, indicators
from coso.core.errors import DomainError
from coso.core.transitions import transition
from coso.people.services import province_id_of
from coso.petitions.models import Action, Kind, Petition, Status
from coso.petitions.services.common import HANDLING_KINDS, _event, check_handler
from coso.petitions.services.sender import _notify_sender
from coso.units.selectors import Unit


def _rule_day(petition: Petition) -> dt.date:
    """The day whose rules govern the petition: the day it was received."""
    return dt.date.fromisoformat(petition.rules["on"])


def _resolve_due(petition: Petition, start: dt.date) -> dt.date:
    return rules.due_date(
        petition.rules["resolve"],
        start,
        remote_area=petition.remote_area,
        complex_case=petition.complex_case,
        on=_rule_day(petition),
        suspended_days=petition.suspended_days,  # days a suspension stopped the clock
    )


class Step(NamedTuple):
    """A step that only moves the petition on: the states it starts from, the state it
    leads to (None: it stays where it is), and what the sender is told."""

    start: tuple[str, ...]
    to: str | None
    told: str  # translated when told


STEPS: dict[str, Step] = {
    Action.ACCEPTED: Step((Status.RECEIVED,), Status.ACCEPTED, gettext_noop("Đã thụ lý")),
    Action.REFUSED: Step((Status.RECEIVED,), Status.REFUSED, gettext_noop("Không thụ lý")),
    Action.EXTENDED: Step((Status.ACCEPTED,), None, gettext_noop("Gia hạn giải quyết")),
    Action.RESOLVED: Step((Status.ACCEPTED,), Status.RESOLVED, gettext_noop("Đã giải quyết")),
}


def _step(actor: Any, petition: Petition, action: str, note: str, **fields: Any) -> Petition:
    """Take one of the `STEPS`, setting `fields` too: move the petition (`_move`), record
    the step in its history and tell the sender, in one transaction."""
    step = STEPS[action]
    if step.to is not None:
        fields = {"status": step.to, **fields}
    with transaction.atomic():
        _move(actor, petition, step.start, **fields)
        _event(petition, actor, action, note)
        _notify_sender(petition, _(step.told))
    return petition


def _closing(day: dt.date, due: dt.date | None) -> dict[str, Any]:
    """What closing the petition on `day` sets: the day, no deadline left, and whether
    it closed by `due`."""
    return {"closed_on": day, "next_due": None, "on_time": bool(due and day <= due)}


def _move(actor: Any, petition: Petition, old: tuple[str, ...], **fields: Any) -> None:
    """Apply `fields` only if the petition is still in one of `old` (a conditional
    update: two officials acting at once cannot both win), and audit it."""
    check_handler(actor, petition.unit)
    transition(
        petition,
        actor=actor,
        from_states=old,
        fields=fields,
        # An extension counts from the extensions the official saw.
        where={"extensions": petition.extensions},
        message=_("Đơn này vừa được xử lý hoặc không còn ở bước này; hãy tải lại."),
    )


def petition_accept(
    *,
    actor: Any,
    petition: Petition,
    on: dt.date | None = None,
    complex_case: bool = False,
    note: str = "",
) -> Petition:
    """Accept (thụ lý): the resolution period starts, by kind, complexity and remote area."""
    day = on or timezone.localdate()
    petition.complex_case = complex_case
    due = _resolve_due(petition, day)
    return _step(
        actor,
        petition,
        Action.ACCEPTED,
        note,
        accepted_on=day,
        due_on=due,
        next_due=due,
        complex_case=complex_case,
        handler=audit.acting_user(actor),
    )


def petition_refuse(
    *, actor: Any, petition: Petition, reason: str, on: dt.date | None = None
) -> Petition:
    """Refuse to accept, with the legal reason the sender is told."""
    if not reason.strip():
        raise DomainError(_("Không thụ lý phải nêu rõ lý do theo quy định."), field="reason")
    day = on or timezone.localdate()
    return _step(
        actor, petition, Action.REFUSED, reason.strip(), **_closing(day, petition.accept_due)
    )


def petition_transfer(
    *, actor: Any, petition: Petition, to_unit: Unit, note: str = "", on: dt.date | None = None
) -> Petition:
    """Send the petition to the competent unit, where its intake clock starts again."""
    if to_unit.pk == petition.unit_id or to_unit.kind not in HANDLING_KINDS:
        raise DomainError(_("Hãy chọn đơn vị có thẩm quyền khác."), field="to_unit")
    day = on or timezone.localdate()
    accept_due = rules.due_date(petition.rules["accept"], day, on=_rule_day(petition))
    with transaction.atomic():
        # The petition leaves the figures of the unit it was sent to first.
        indicators.touched("petitions", petition.unit_id, [petition.received_on])
        _move(
            actor,
            petition,
            (Status.RECEIVED, Status.ACCEPTED),  # a suspended complaint is continued first
            unit=to_unit,
            status=Status.RECEIVED,
            province_id=province_id_of(to_unit),
            accept_due=accept_due,
            next_due=accept_due,
            accepted_on=None,
            due_on=None,
            handler=None,
        )
        _event(
            petition,
            actor,
            "transferred",
            note or _("Chuyển đến %(unit)s") % {"unit": to_unit.name},
        )
        _notify_sender(petition, _("Đã chuyển đơn vị có thẩm quyền"))
    return petition


def _extended_due(petition: Petition, very_complex: bool) -> tuple[dt.date, int, bool]:
    """The new deadline, the count of extensions and the complexity, within the law's
    maximum; DomainError past it."""
    assert petition.due_on and petition.accepted_on
    day = _rule_day(petition)
    if petition.kind == Kind.DENUNCIATION:
        # LD art. 30: one extension for a complex case, two for a very complex one.
        limits = rules.value("denunciation.extension", on=day)
        allowed = limits[
            "max_extensions_very_complex" if very_complex else "max_extensions_complex"
        ]
        if petition.extensions >= allowed:
            raise DomainError(
                _("Đã gia hạn %(n)s lần, tối đa theo luật; không gia hạn thêm được.")
                % {"n": petition.extensions},
                field="reason",
            )
        due = rules.due_date("denunciation.extension", petition.due_on, on=day)
        return due, petition.extensions + 1, True
    # Complaints (LC arts. 28, 37) and feedback: a complex case gets the longer period, once.
    if petition.complex_case:
        raise DomainError(
            _("Đã áp dụng thời hạn tối đa cho vụ việc phức tạp; không gia hạn thêm được."),
            field="reason",
        )
    petition.complex_case = True
    return _resolve_due(petition, petition.accepted_on), petition.extensions + 1, True


def petition_extend(
    *, actor: Any, petition: Petition, reason: str, very_complex: bool = False
) -> Petition:
    """Extend the resolution period for a complex case, within the legal maximum."""
    if not reason.strip():
        raise DomainError(_("Gia hạn phải nêu rõ lý do."), field="reason")
    if petition.status != Status.ACCEPTED:
        raise DomainError(_("Chỉ gia hạn đơn đã thụ lý và đang giải quyết."))
    due, count, complex_case = _extended_due(petition, very_complex)
    return _step(
        actor,
        petition,
        Action.EXTENDED,
        reason.strip(),
        due_on=due,
        next_due=due,
        extensions=count,
        complex_case=complex_case,
    )


def petition_resolve(
    *, actor: Any, petition: Petition, resolution: str, on: dt.date | None = None
) -> Petition:
    if not resolution.strip():
        raise DomainError(_("Hãy ghi kết quả giải quyết."), field="resolution")
    day = on or timezone.localdate()
    return _step(
        actor,
        petition,
        Action.RESOLVED,
        resolution.strip(),
        resolution=resolution.strip(),
        **_closing(day, petition.due_on),
    )
