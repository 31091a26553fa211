"""The contribution's arithmetic at its boundaries: an amount × households, a share of
the budget rounded down to the whole đồng and divided equally with the remainder stated,
and the figures a decision's text states."""

from decimal import Decimal

import pytest

from coso.oversight.contribution import dues_for, residents_part, share_of_budget, stated_in


def test_an_amount_per_household_times_the_households():
    dues = dues_for(budget=850_000_000, households=43, per_household=500_000, share=None)
    assert (dues.each, dues.total, dues.residents_share, dues.remainder) == (
        500_000,
        21_500_000,
        21_500_000,
        0,
    )


@pytest.mark.parametrize(
    ("budget", "share", "households", "each", "remainder"),
    [
        (300_000_000, Decimal(40), 4, 30_000_000, 0),  # divides exactly
        (100_000_001, Decimal(30), 7, 4_285_714, 2),  # 30.000.000,3 → 30.000.000; 2 left
        (10, Decimal("33.33"), 3, 1, 0),  # 3,333 → 3 đồng, 1 each
        (1_000, Decimal(0), 5, 0, 0),
        (1_000, Decimal(100), 3, 333, 1),
    ],
)
def test_a_share_is_rounded_down_and_divided_equally(budget, share, households, each, remainder):
    dues = dues_for(budget=budget, households=households, per_household=None, share=share)
    assert dues.each == each and dues.remainder == remainder
    assert (
        dues.total + dues.remainder
        == dues.residents_share
        == residents_part(budget=budget, share=share)
    )
    assert 0 <= dues.remainder < households


def test_a_contribution_needs_a_way():
    with pytest.raises(ValueError):
        dues_for(budget=1, households=1, per_household=None, share=None)


def test_the_figures_a_decision_states():
    said = stated_in("Mỗi hộ góp 500.000 đồng và 3 ngày công; tổng 21.500.000đ, Nhà nước 70 %.")
    assert said.amounts == {500_000, 21_500_000} and said.shares == {Decimal(70)}
    assert stated_in("Nhân dân góp 30,5% kinh phí").shares == {Decimal("30.5")}
    assert stated_in("Mỗi hộ góp ngày công").amounts == frozenset()


def test_a_share_of_the_budget_to_two_decimals():
    assert share_of_budget(amount=21_500_000, budget=850_000_000) == Decimal("2.53")
    assert share_of_budget(amount=1, budget=0) == 0
