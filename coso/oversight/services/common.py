"""What the boards' services share: who may write, the figures to refresh, sane dates
and sums."""

import datetime as dt
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit, indicators
from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.permissions import can
from coso.decisions.selectors import Matter
from coso.oversight.models import MemberRole
from coso.units.selectors import Unit

MAX_MONEY = 10**13  # đồng: beyond it, a typo
FIRST_DAY = dt.date(2000, 1, 1)  # earlier dates are typos, not records


def touch(commune_id: int, *days: dt.date | None) -> None:
    indicators.touched("oversight", commune_id, list(days))


def log_added(actor: Any, obj: Model, commune_id: int, day: dt.date) -> None:
    """Audit a record added to the commune's oversight, and refresh its figures of `day`."""
    audit.log_create(actor=actor, obj=obj, unit_id=commune_id)
    touch(commune_id, day)


def check_board(actor: Any, commune: Unit) -> None:
    if not can(actor, "oversight.write", path=commune.path):
        raise DomainError(_("Chỉ Ban Thanh tra nhân dân của xã ghi việc này."), field="subject")


def check_day(day: dt.date, field: str, *, future: bool = False) -> None:
    if not FIRST_DAY <= day <= latest_day(future=future):
        raise DomainError(
            _("Ngày phải từ %(a)s đến %(b)s.")
            % {"a": vn_date(FIRST_DAY), "b": vn_date(latest_day(future=future))},
            field=field,
        )


def check_money(amount: int, field: str, *, zero: bool = False) -> None:
    """A sum of money in đồng: more than nothing (or nothing at all, with `zero`), less
    than a typo."""
    if not (0 if zero else 1) <= amount <= MAX_MONEY:
        raise DomainError(_("Số tiền không hợp lệ."), field=field)


def elected_names(matter: Matter) -> list[str]:
    """Who a published election of board members elected, in the order of the votes."""
    labels = {o.key: o.label for o in matter.options.all()}
    elected = [labels[k] for k in (matter.outcome or {}).get("elected", []) if k in labels]
    if not elected:
        raise DomainError(_("Cuộc bầu không có người trúng cử."), field="matter")
    return elected


class NeedsConfirmation(DomainError):
    """The act would replace or end records (`replaced` names them): a person must
    confirm it first. Services raise it unless called with `replace=True`."""

    def __init__(self, message: str, *, replaced: list[str]) -> None:
        super().__init__(message, field="confirm")
        self.replaced = replaced


def check_boards(actor: Any, unit: Unit) -> None:
    """The commune or the Front assigns a board's head and deputies (GDL art. 37)."""
    if not can(actor, "boards.write", path=unit.path):
        raise DomainError(
            _("Chỉ UBND xã hoặc Ủy ban MTTQ xã phân công trưởng ban, phó trưởng ban."),
            field="head",
        )


def check_roles(
    *, rule_code: str, on: dt.date, members: list[int], head: int | None, deputies: list[int]
) -> None:
    """Exactly one head among the members; deputies among the members, not the head, at
    most the rulebook's number (`max_deputies` of `rule_code`)."""
    if head is None or head not in members:
        raise DomainError(_("Hãy chọn một trưởng ban trong số thành viên."), field="head")
    if any(d not in members for d in deputies) or len(set(deputies)) != len(deputies):
        raise DomainError(_("Phó trưởng ban phải là thành viên của Ban."), field="deputies")
    if head in deputies:
        raise DomainError(_("Trưởng ban không đồng thời là phó trưởng ban."), field="deputies")
    most = rules.value(rule_code, on=on)["max_deputies"]
    if len(deputies) > most:
        raise DomainError(
            _("Ban có nhiều nhất %(m)s phó trưởng ban (%(cite)s).")
            % {"m": most, "cite": rules.citation(rule_code, on=on)},
            field="deputies",
        )


def set_roles(
    board: list[Any],
    *,
    head: int | None,
    deputies: list[int],
    rule_code: str,
    on: dt.date,
    actor: Any,
    audit_model: str,
    about: Model,
) -> None:
    """Check the head and deputies chosen among `board` (`check_roles`), give everyone
    their role and log, as `audit_model` about `about`, who changed role."""
    members = [m.pk for m in board]
    check_roles(rule_code=rule_code, on=on, members=members, head=head, deputies=deputies)
    changes = assign_roles(board, head, deputies)
    audit.log_event(actor=actor, model=audit_model, record=about, changes={"roles": changes})


def assign_roles(rows: list[Any], head: int | None, deputies: list[int]) -> dict[str, list[str]]:
    """Give each row its new role (members first, so one head at every moment) and say
    what changed, name by name."""
    model = type(rows[0])
    ids = [r.pk for r in rows]
    model.objects.filter(pk__in=ids).update(role=MemberRole.MEMBER)
    model.objects.filter(pk__in=deputies).update(role=MemberRole.DEPUTY)
    model.objects.filter(pk=head).update(role=MemberRole.HEAD)
    changes = {}
    for row in rows:
        new = (
            MemberRole.HEAD
            if row.pk == head
            else MemberRole.DEPUTY
            if row.pk in deputies
            else MemberRole.MEMBER
        )
        if new != row.role:
            changes[f"{row.name} (#{row.pk})"] = [row.role, new]
        row.role = new
    return changes
