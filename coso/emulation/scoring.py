"""The arithmetic of a score, as pure functions over the set's data: a figure to points,
points to a class, totals to ranks. Points keep two decimal places (rounded half up,
as a person rounds), so a total is the exact sum of the lines a reader adds up."""

from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def quantize(value: Decimal | int | float) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def _linear(weight: Decimal, value: Decimal, rule: Mapping[str, Any]) -> Decimal:
    """0 at the floor (or below), the whole weight at the target (or beyond), a straight
    line between; a target below the floor means lower is better."""
    floor, target = Decimal(str(rule["floor"])), Decimal(str(rule["target"]))
    if floor == target:
        return weight if value >= target else ZERO
    share = (value - floor) / (target - floor)
    return weight * min(max(share, Decimal(0)), Decimal(1))


def _thresholds(weight: Decimal, value: Decimal, rule: Mapping[str, Any]) -> Decimal:
    """The share of the weight of the highest step the value reaches ([at least, %])."""
    reached = [
        Decimal(str(share)) for least, share in rule["steps"] if value >= Decimal(str(least))
    ]
    return weight * max(reached, default=Decimal(0)) / 100


def points(
    scoring: str, weight: Decimal, value: Decimal | None, rule: Mapping[str, Any]
) -> Decimal:
    """The points a figure earns under the criterion's rule; no figure earns none."""
    if value is None:
        return ZERO
    if scoring == "linear":
        return quantize(_linear(weight, value, rule))
    if scoring == "thresholds":
        return quantize(_thresholds(weight, value, rule))
    if scoring == "yes_no":
        return quantize(weight if value > 0 else 0)
    return quantize(min(max(value, Decimal(0)), weight))  # "points": scored directly


def grade(total: Decimal, grades: Mapping[str, Any], lowest: str) -> str:
    """The class whose least total `total` reaches, the highest first; else `lowest`."""
    for key, least in sorted(grades.items(), key=lambda item: -Decimal(str(item[1]))):
        if total >= Decimal(str(least)):
            return key
    return lowest


def ranks(totals: Sequence[Decimal]) -> list[tuple[int, int]]:
    """(rank, how many share it) for each total: equal totals share a rank and the next
    rank skips as many places ("1, 2, 2, 4" — standard competition ranking)."""
    ordered = sorted(totals, reverse=True)
    first: dict[Decimal, int] = {}
    for place, total in enumerate(ordered, 1):
        first.setdefault(total, place)
    shared = Counter(totals)
    return [(first[t], shared[t]) for t in totals]
