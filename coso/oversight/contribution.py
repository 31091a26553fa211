"""The households' contribution to a community project, as their decision states it
(GDL art. 15(1): building public works funded wholly or partly by residents, and each
household's contribution): pure arithmetic, no database.

A decision states either an amount per household (500.000 đồng) or a share of the
budget (30 %). With an amount, each household that must contribute owes that amount.
With a share, the residents' part is the budget × the share, rounded down to the whole
đồng, and is divided equally among the households, each due rounded down to the whole
đồng; what the division leaves over (fewer đồng than there are households) is stated,
not charged to anyone, so every household is asked for the same sum."""

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

# "500.000 đồng", "500.000đ", "1,5 triệu" is not read: only figures written in full.
AMOUNT = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|đ\b|vnđ|vnd)", re.IGNORECASE)
PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s*%")


@dataclass(frozen=True)
class Stated:
    """The amounts (đồng) and shares (%) a decision's text states."""

    amounts: frozenset[int]
    shares: frozenset[Decimal]


def stated_in(text: str) -> Stated:
    """What a decision's free text states in figures: "Mỗi hộ góp 500.000 đồng" states
    500000; "Nhân dân đóng góp 30%" states 30."""
    amounts = frozenset(int(re.sub(r"[.,]", "", m)) for m in AMOUNT.findall(text or ""))
    shares = frozenset(Decimal(m.replace(",", ".")) for m in PERCENT.findall(text or ""))
    return Stated(amounts=amounts, shares=shares)


@dataclass(frozen=True)
class Dues:
    """What the households owe under their decision."""

    households: int
    each: int  # đồng per household
    total: int  # households × each
    residents_share: int  # đồng: the part of the budget the residents carry
    remainder: int  # residents_share − total: left over by the division (share only)


def residents_part(*, budget: int, share: Decimal) -> int:
    """The budget × the share (a percentage), rounded down to the whole đồng."""
    return int((Decimal(budget) * share / 100).to_integral_value(rounding=ROUND_DOWN))


def dues_for(
    *, budget: int, households: int, per_household: int | None, share: Decimal | None
) -> Dues:
    """Each household's due and the totals, from the decided amount or share."""
    if per_household is not None:
        total = per_household * households
        return Dues(households, per_household, total, total, 0)
    if share is None:
        raise ValueError("a contribution needs an amount per household or a share")
    part = residents_part(budget=budget, share=share)
    each = part // households if households else 0
    return Dues(households, each, each * households, part, part - each * households)


def share_of_budget(*, amount: int, budget: int) -> Decimal:
    """An amount as a percentage of the budget, to two decimals (rounded half up)."""
    if not budget:
        return Decimal(0)
    return (Decimal(amount) * 100 / budget).quantize(Decimal("0.01"))
