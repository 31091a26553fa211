"""A figure of the catalogue and a share with its base, as pages, reports and the open
API show them (shared by the selectors and the indices' derived entries)."""

from dataclasses import dataclass

from coso.core.indicators import StrOrPromise
from coso.core.text import whole


@dataclass(frozen=True)
class Figure:
    code: str
    label: StrOrPromise
    measure: StrOrPromise
    value: float | int | None
    definition: StrOrPromise
    basis: StrOrPromise
    counts: str = ""  # the records counted, or for a share the two indicators
    version: int = 1
    base: "Share | None" = None  # a share's numerator and denominator


def percent(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


@dataclass(frozen=True)
class Share:
    """A share with its base, written as a reader checks it: "83,9 % (26/31)"."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return percent(self.numerator, self.denominator)

    def __str__(self) -> str:
        from django.utils.formats import number_format

        if self.value is None:  # nothing to take a share of
            return "—"
        shown = f"{number_format(self.value, 1)} %"
        return f"{shown} ({whole(self.numerator)}/{whole(self.denominator)})"
