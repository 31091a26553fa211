"""The satisfaction and participation indices: pure functions of the maintained figures
and of the rulebook's formulas, so that anyone can redo every score by hand.

Satisfaction (SIPAS pattern, Decision 1001/QĐ-BNV of 2023): per survey element the
share of respondents who answered the element's question and were satisfied (points 4
and 5 of 5, marked by the questionnaire's scale); the index is the `overall` element's
share — not a mean of the elements. Each share carries its number of answers and a 95 %
Wilson score interval; below the minimum sample (`survey.min_sample`) only the number
of answers is shown.

Why Wilson: a commune's samples are small (a few dozen answers) and shares run close to
100 %. The usual normal ("Wald") interval p ± z·√(p(1−p)/n) then leaves [0, 1] and
collapses to a single point at 0 % or 100 % (a commune with 30 satisfied out of 30 would
seem certain); Wilson's interval inverts the score test instead, stays within [0, 1],
never has zero width and keeps close to its nominal 95 % coverage down to n ≈ 10.

Participation (Coso's own formula, rule `index.participation`): parts that are shares
of two sums of indicators, each scaled to [0, 1] as the rule says, weighted, and the
weighted mean put on the rule's scale (0–10, as PAPI's). A part with nothing to take a
share of (denominator 0) is left out and the other weights renormalised.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from statistics import NormalDist
from typing import Any

# The survey elements (contract with coso/surveys): SIPAS's five and its overall
# question, then PAPI's three sub-dimensions.
ELEMENTS = (
    "overall",
    "access",
    "procedure",
    "official",
    "result",
    "feedback",
    "participation",
    "transparency",
    "accountability",
)
RESPONDENTS = "surveys.respondents"
PARTICIPATION = "index.participation"
SATISFACTION = "index.satisfaction"
CODES = (SATISFACTION, PARTICIPATION)


def answered_code(element: str) -> str:
    return f"surveys.answered.{element}"


def satisfied_code(element: str) -> str:
    return f"surveys.satisfied.{element}"


@dataclass(frozen=True)
class Interval:
    low: float  # percent
    high: float


@cache
def _z(confidence: float) -> float:
    """The normal quantile of a two-sided `confidence` (1.96 for 0.95)."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson(satisfied: int, answered: int, confidence: float) -> Interval | None:
    """The Wilson score interval of satisfied/answered, in percent (None: no answers)."""
    if answered <= 0:
        return None
    z = _z(confidence)
    p, n = satisfied / answered, answered
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Interval(100 * max(0.0, centre - half), 100 * min(1.0, centre + half))


@dataclass(frozen=True)
class Element:
    element: str
    satisfied: int
    answered: int
    suppressed: bool
    share: float | None  # percent; None when suppressed or nothing answered
    interval: Interval | None


def element_share(
    element: str, satisfied: int, answered: int, *, min_sample: int, confidence: float
) -> Element:
    """One element's share satisfied, withheld below the minimum sample."""
    if answered < min_sample:
        return Element(element, satisfied, answered, True, None, None)
    return Element(
        element,
        satisfied,
        answered,
        False,
        100 * satisfied / answered,
        wilson(satisfied, answered, confidence),
    )


@dataclass(frozen=True)
class Satisfaction:
    version: int
    respondents: int
    overall: Element
    elements: tuple[Element, ...]  # the other elements that were asked

    @property
    def value(self) -> float | None:
        return None if self.overall.share is None else round(self.overall.share, 1)


def satisfaction(
    values: Mapping[str, int], formula: Mapping[str, Any], min_sample: int
) -> Satisfaction:
    """The satisfaction index of one unit and period from its maintained figures."""
    confidence = float(formula["confidence"])
    shares = [
        element_share(
            e,
            values.get(satisfied_code(e), 0),
            values.get(answered_code(e), 0),
            min_sample=min_sample,
            confidence=confidence,
        )
        for e in ELEMENTS
    ]
    main = next(s for s in shares if s.element == formula["element"])
    others = tuple(s for s in shares if s is not main and s.answered)
    return Satisfaction(int(formula["version"]), values.get(RESPONDENTS, 0), main, others)


def term_sum(codes: Sequence[str], values: Mapping[str, int]) -> int:
    """A sum of indicators, those prefixed "-" subtracted (made − late)."""
    return sum(-values.get(c[1:], 0) if c.startswith("-") else values.get(c, 0) for c in codes)


def scaled(numerator: int, denominator: int, scaling: Mapping[str, Any]) -> float:
    """A part's share put in [0, 1]: "share" as is, "target" divided by the target."""
    ratio = numerator / denominator
    if scaling.get("kind") == "target":
        ratio /= float(scaling["target"])
    return min(1.0, max(0.0, ratio))


@dataclass(frozen=True)
class Part:
    key: str
    numerator_codes: tuple[str, ...]
    denominator_codes: tuple[str, ...]
    numerator: int
    denominator: int
    weight: float
    scaling: Mapping[str, Any]
    score: float | None  # in [0, 1]; None: left out (nothing to take a share of)
    share_of_weight: float  # the weight after renormalising, 0 when left out
    contribution: float = 0.0  # what it adds on the index's scale (the lines add up)

    @property
    def included(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class Participation:
    version: int
    low: float
    high: float
    parts: tuple[Part, ...]
    value: float | None  # on the scale, rounded to 0.01; None when no part counts

    @property
    def left_out(self) -> list[Part]:
        return [p for p in self.parts if not p.included]


def participation(values: Mapping[str, int], formula: Mapping[str, Any]) -> Participation:
    """The participation index of one unit and period from its maintained figures."""
    raw = []
    for spec in formula["parts"]:
        num = term_sum(spec["numerator"], values)
        den = term_sum(spec["denominator"], values)
        score = scaled(num, den, spec["scaling"]) if den > 0 else None
        raw.append((spec, num, den, score))
    total = sum(float(s["weight"]) for s, _n, _d, score in raw if score is not None)
    low, high = float(formula["scale"]["min"]), float(formula["scale"]["max"])
    parts = []
    for spec, num, den, score in raw:
        share = float(spec["weight"]) / total if score is not None and total else 0.0
        codes = tuple(spec["numerator"]), tuple(spec["denominator"])
        weight, contribution = float(spec["weight"]), (high - low) * (score or 0.0) * share
        parts.append(
            Part(spec["key"], *codes, num, den, weight, spec["scaling"], score, share, contribution)
        )
    value = round(low + sum(p.contribution for p in parts), 2) if total else None
    return Participation(int(formula["version"]), low, high, tuple(parts), value)


def median(numbers: Sequence[float]) -> float | None:
    """The median of the scores that exist (None: none)."""
    ordered = sorted(numbers)
    if not ordered:
        return None
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
