"""What the boards' services share: who may write, the figures to refresh, sane dates
and sums."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from coso.core import indicators
from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.permissions import can
from coso.decisions.models import Matter
from coso.units.models import Unit

MAX_MONEY = 10**13  # đồng: beyond it, a typo
FIRST_DAY = dt.date(2000, 1, 1)  # earlier dates are typos, not records


def touch(commune_id: int, *days: dt.date | None) -> None:
    indicators.touched("oversight", commune_id, list(days))


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


def check_money(amount: int, field: str) -> None:
    if not 0 < amount <= MAX_MONEY:
        raise DomainError(_("Số tiền không hợp lệ."), field=field)


def elected_names(matter: Matter) -> list[str]:
    """Who a published election of board members elected, in the order of the votes."""
    labels = {o.key: o.label for o in matter.options.all()}
    elected = [labels[k] for k in (matter.outcome or {}).get("elected", []) if k in labels]
    if not elected:
        raise DomainError(_("Cuộc bầu không có người trúng cử."), field="matter")
    return elected
