"""What the matter and ballot services share: who may run a round, its state moves,
its households."""

from typing import Any

from django.utils.translation import gettext as _

from coso.core import indicators
from coso.core.errors import DomainError
from coso.core.permissions import can
from coso.core.transitions import transition
from coso.decisions.models import (
    Matter,
    Status,
)
from coso.people import selectors as people
from coso.units.selectors import Unit


def check_editor(actor: Any, unit: Unit) -> None:
    if not can(actor, "decisions.write", path=unit.path):
        raise DomainError(
            _("Bạn không có quyền điều hành việc bàn và quyết định ở đơn vị này."), field="unit"
        )


def set_status(
    matter: Matter,
    old: str,
    new: str,
    *,
    actor: Any,
    extra: dict[str, list[Any]] | None = None,
    **fields: Any,
) -> None:
    """Move a matter from `old` to `new` only if nobody moved it first, and audit it
    (`extra`: what the entry says besides the matter's columns)."""
    transition(
        matter,
        actor=actor,
        from_states=(old,),
        to=new,
        fields=fields,
        extra=extra,
    )
    touched(matter)


def touched(matter: Matter) -> None:
    """The round's figures (decided, passed, turnout…) may have changed."""
    indicators.touched("decisions", matter.unit_id, [matter.opened_on, matter.counted_on])


def households_of(unit: Unit) -> Any:
    return people.households_under(unit=unit)


def require_status(matter: Matter, *statuses: str) -> None:
    if matter.status not in statuses:
        raise DomainError(
            _("Không thể làm việc này khi nội dung đang ở trạng thái “%(s)s”.")
            % {"s": matter.get_status_display()}
        )


def require_still_open(matter: Matter, *, field: str) -> None:
    """In a vote's (or a stub's, a paper ballot's) transaction, before its audit row:
    refuse, and so roll back, if the round was counted meanwhile. The row lock waits
    for a counting that holds the round (`matter_count_encrypted`, FOR UPDATE) and then
    reads what it committed. Django's foreign keys are checked only at COMMIT on
    PostgreSQL (DEFERRABLE INITIALLY DEFERRED), so the rows the vote inserted do not
    wait by themselves. Taken before the audit head, the order the counting takes them
    in. On SQLite the transaction is IMMEDIATE: the counting is wholly before or after.
    Either way a vote is counted or refused, never lost."""
    locked = Matter.objects.select_for_update(no_key=True).filter(pk=matter.pk, status=Status.OPEN)
    if not locked.exists():
        raise DomainError(
            _(
                "Việc lấy ý kiến “%(title)s” đã kết thúc để kiểm phiếu trước khi phiếu này "
                "đến: phiếu không được ghi nhận."
            )
            % {"title": matter.title},
            field=field,
        )
