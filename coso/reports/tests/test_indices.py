"""The indices' arithmetic on hand-made answer sets and figures, against values worked
out by hand in the comments (z = 1.959964 for 95 %, z² = 3.841459)."""

import pytest

from coso.reports import formulas, indices, selectors
from coso.reports.index_figures import Withheld
from coso.rules.catalogue.measure import MEASURE

pytestmark = pytest.mark.django_db
SATISFIED_POINTS = {4, 5}  # of the 5-point scale (contract with coso/surveys)
CATALOGUE = {code: value for code, _t, _k, _u, value, *_rest in MEASURE}
PART = CATALOGUE["index.participation"]
SAT = CATALOGUE["index.satisfaction"]


def counted(answers: dict[str, list[int]]) -> dict[str, int]:
    """A hand-made answer set ({element: the points each respondent gave}) as the
    surveys app's figures count it."""
    values = {"surveys.respondents": max(len(a) for a in answers.values())}
    for element, points in answers.items():
        values[f"surveys.answered.{element}"] = len(points)
        values[f"surveys.satisfied.{element}"] = sum(p in SATISFIED_POINTS for p in points)
    return values


def test_share_and_wilson_interval_worked_by_hand():
    # 31 answers: ten 5s, sixteen 4s, three 3s, one 2, one 1 -> 26 satisfied.
    # p = 26/31 = 0.838710: the share is 83.9 %.
    # centre = (p + z²/2n) / (1 + z²/n) = (0.838710 + 0.061959) / 1.123918 = 0.801366
    # half = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²) = 1.743867 · √(0.0043637 + 0.0009993)
    #      = 1.743867 · 0.073233 = 0.127707  ->  [67.4 %, 92.9 %]
    values = counted({"overall": [5] * 10 + [4] * 16 + [3] * 3 + [2, 1]})
    result = indices.satisfaction(values, SAT, min_sample=30)
    assert result.value == 83.9
    assert result.overall.answered == 31 and result.overall.satisfied == 26
    assert round(result.overall.interval.low, 1) == 67.4
    assert round(result.overall.interval.high, 1) == 92.9


def test_all_satisfied_is_not_certain():
    # 30 of 30: p = 1; centre = (1 + 0.064024) / 1.128049 = 0.943245;
    # half = 1.737480 · √(3.841459 / 3600) = 1.737480 · 0.032666 = 0.056756
    # -> [88.6 %, 100 %] where the normal interval would say [100 %, 100 %].
    result = indices.satisfaction(counted({"overall": [5] * 30}), SAT, min_sample=30)
    assert result.value == 100.0
    assert round(result.overall.interval.low, 1) == 88.6
    assert round(result.overall.interval.high, 1) == 100.0


def test_none_satisfied_stays_within_zero():
    # 0 of 30: centre = 0.064024 / 1.128049 = 0.056756 = half -> [0 %, 11.4 %].
    result = indices.satisfaction(counted({"overall": [1] * 30}), SAT, min_sample=30)
    assert result.value == 0.0
    assert result.overall.interval.low == 0.0
    assert round(result.overall.interval.high, 1) == 11.4


def test_suppressed_below_the_minimum_sample_of_the_rulebook():
    minimum = formulas.formulas_on().min_sample  # survey.min_sample: 30
    assert minimum == 30
    # 29 answers (min − 1), 24 satisfied: the number of answers only.
    below = indices.satisfaction(counted({"overall": [5] * 24 + [2] * 5}), SAT, min_sample=minimum)
    assert below.overall.suppressed and below.value is None
    assert below.overall.interval is None and below.overall.answered == 29
    # 30 answers (min), 24 satisfied: 80.0 %; centre = 0.864024 / 1.128049 = 0.765945,
    # half = 1.737480 · √(0.16/30 + 0.0010671) = 1.737480 · 0.080003 = 0.139004
    # -> [62.7 %, 90.5 %].
    at = indices.satisfaction(counted({"overall": [5] * 24 + [2] * 6}), SAT, min_sample=minimum)
    assert not at.overall.suppressed and at.value == 80.0
    assert round(at.overall.interval.low, 1) == 62.7
    assert round(at.overall.interval.high, 1) == 90.5


def test_each_element_has_its_own_share_and_base():
    # access: 3 of 4 answered satisfied (below 30: withheld); procedure: 30 of 30.
    values = counted({"overall": [4] * 30, "access": [5, 5, 4, 1], "procedure": [5] * 30})
    result = indices.satisfaction(values, SAT, min_sample=30)
    by = {e.element: e for e in result.elements}
    assert set(by) == {"access", "procedure"}  # elements nobody was asked are left out
    assert by["access"].suppressed and by["access"].satisfied == 3
    assert by["procedure"].share == 100.0


FULL = {
    # disclosure_categories: 4 of 4 + 9 = 13 mandatory categories -> 4/13 = 0.307692
    "disclosures.categories_covered": 4,
    "disclosures.categories_missing": 9,
    # disclosure_on_time: (10 − 2) / 10 = 0.8
    "disclosures.made": 10,
    "disclosures.late": 2,
    # turnout: 150 / 200 = 0.75
    "decisions.households_took_part": 150,
    "decisions.households_eligible": 200,
    # petitions_on_time: 9 / 12 = 0.75
    "petitions.resolved_on_time": 9,
    "petitions.resolved": 12,
    # dialogues: 1 / 1 = 1
    "dialogues.communes_met": 1,
    "dialogues.communes_required": 1,
    # consultation_answers: 30 answered of 20 received in the period -> capped at 1
    "consultations.answered": 30,
    "consultations.opinions": 20,
    # board_answers: (2 + 1) / (4 + 2) = 0.5
    "pib.answered_on_time": 2,
    "cisb.answered_on_time": 1,
    "pib.recommendations": 4,
    "cisb.recommendations": 2,
}


def test_participation_worked_by_hand():
    # Seven parts of weight 1: (0.307692 + 0.8 + 0.75 + 0.75 + 1 + 1 + 0.5) / 7
    # = 5.107692 / 7 = 0.729670 -> 7.30 on the 0–10 scale.
    result = indices.participation(FULL, PART)
    assert result.value == 7.30
    assert [p.key for p in result.parts if not p.included] == []
    on_time = next(p for p in result.parts if p.key == "disclosure_on_time")
    assert (on_time.numerator, on_time.denominator) == (8, 10)
    # The page's lines add up to the score: 10 × 0.8 / 7 = 1.142857 for this part.
    assert round(on_time.contribution, 6) == 1.142857
    assert round(sum(p.contribution for p in result.parts), 2) == result.value


def test_a_part_with_no_denominator_is_left_out_and_weights_renormalised():
    # No household vote and no petition resolved: five parts left, each of weight 1/5:
    # (0.307692 + 0.8 + 1 + 1 + 0.5) / 5 = 3.607692 / 5 = 0.721538 -> 7.22.
    values = {k: v for k, v in FULL.items() if not k.startswith(("decisions.", "petitions."))}
    result = indices.participation(values, PART)
    assert {p.key for p in result.left_out} == {"turnout", "petitions_on_time"}
    assert result.value == 7.22
    assert all(p.share_of_weight == 0.2 for p in result.parts if p.included)
    assert indices.participation({}, {**PART, "parts": []}).value is None


def test_weights_and_target_scaling_as_the_rule_says():
    # Only two parts: dialogues (weight 3, share 1) and candidates per election
    # (weight 1, 3 candidates for 2 elections = 1.5 against a target of 2 -> 0.75).
    formula = {
        "version": 2,
        "scale": {"min": 0, "max": 10},
        "parts": [
            {**PART["parts"][4], "weight": 3},
            {
                "key": "candidates",
                "numerator": ["votes.candidates"],
                "denominator": ["votes.elections"],
                "weight": 1,
                "scaling": {"kind": "target", "target": 2},
            },
        ],
    }
    values = {**FULL, "votes.candidates": 3, "votes.elections": 2}
    # (3 · 1 + 1 · 0.75) / 4 = 0.9375 -> 9.375 on the scale, shown to two decimals.
    assert indices.participation(values, formula).value == pytest.approx(9.38, abs=0.005)


def test_value_of_answers_the_index_codes():
    f = formulas.formulas_on()
    values = {**FULL, **counted({"overall": [5] * 24 + [2] * 6})}
    assert selectors.value_of("index.participation", values, f) == 7.30
    assert selectors.value_of("index.satisfaction", values, f) == 80.0
    assert selectors.value_of("index.satisfaction", values) == 80.0  # reads the rulebook
    few = counted({"overall": [5] * 3})
    assert selectors.value_of("index.satisfaction", few, f) is None
    shown = selectors.figure_of("index.satisfaction", few, f)
    assert isinstance(shown, Withheld) and str(shown) == "chưa đủ số trả lời (3)"
    assert str(selectors.figure_of("index.satisfaction", values, f)) == "80,0 % (24/30)"
    assert str(selectors.label_of("index.participation")) == "Chỉ số tham gia của người dân"
    codes = [x.code for x in selectors.catalogue_figures(values, f)]
    assert codes[-2:] == ["index.satisfaction", "index.participation"]
    assert "index.participation" not in [x.code for x in selectors.catalogue_figures(values)]


def test_median():
    assert indices.median([]) is None
    assert indices.median([3.0, 1.0, 2.0]) == 2.0
    assert indices.median([4.0, 1.0, 2.0, 3.0]) == 2.5
