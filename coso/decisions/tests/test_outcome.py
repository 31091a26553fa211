"""Boundaries straight from the rules (GDL arts. 21, 50–51; D61 art. 10)."""

import pytest

from coso.decisions import catalogue
from coso.decisions.outcome import compute, meets

D = {"all_households": "all_households"}


@pytest.fixture
def frozen(db):
    import datetime as dt

    def make(matter_type: str, method: str = "meeting", unit_kind: str = "village") -> dict:
        return catalogue.freeze(
            matter_type=matter_type, method=method, unit_kind=unit_kind, on=dt.date(2026, 11, 23)
        )

    return make


def proposal(rules, *, eligible, present, yes, meeting=True):
    return compute(
        rules=rules,
        eligible=eligible,
        present=present,
        tally={"yes": yes, "no": 0},
        kind="proposal",
        seats=1,
        labels={"yes": "Đồng ý"},
        meeting=meeting,
    )


def test_contribution_needs_two_thirds_of_all_households(frozen):
    rules = frozen("1")
    assert proposal(rules, eligible=120, present=120, yes=80).passed
    assert not proposal(rules, eligible=120, present=120, yes=79).passed


def test_general_matter_needs_more_than_half_of_all_households(frozen):
    rules = frozen("6")
    assert not proposal(rules, eligible=120, present=120, yes=60).passed
    assert proposal(rules, eligible=120, present=120, yes=61).passed


def test_approval_counts_all_households_never_those_present(frozen):
    # 58 of 62 present agreed: 93.5 % of those present, 48.3 % of all 120 households.
    result = proposal(frozen("6"), eligible=120, present=62, yes=58)
    assert not result.passed
    assert any("58 đồng ý = 48,3 % tổng số: không thông qua" in line for line in result.lines)
    assert any("điều 21 khoản 1" in line for line in result.lines)


def test_convention_meeting_with_exactly_half_present_is_not_valid(frozen):
    rules = frozen("3")
    thin = proposal(rules, eligible=120, present=60, yes=60)
    assert not thin.valid and not thin.passed and thin.fallback_needed
    assert any("Nghị định 61/2023/NĐ-CP, điều 10" in line for line in thin.lines)
    assert proposal(rules, eligible=120, present=61, yes=61).valid


def test_meeting_too_thin_to_reach_the_threshold_falls_back_to_ballots(frozen):
    rules = frozen("1")
    result = proposal(rules, eligible=120, present=70, yes=70)
    assert not result.passed and result.fallback_needed
    reachable = proposal(rules, eligible=120, present=100, yes=70)
    assert not reachable.passed and not reachable.fallback_needed
    assert not proposal(
        frozen("1", "ballot"), eligible=120, present=70, yes=70, meeting=False
    ).fallback_needed


def test_staff_conference_needs_two_thirds_present_and_half_of_those_present(frozen):
    rules = frozen(catalogue.CONFERENCE_TYPE)
    assert not proposal(rules, eligible=30, present=19, yes=19).valid
    ok = proposal(rules, eligible=30, present=20, yes=11)
    assert ok.valid and ok.passed  # 11 of 20 present: more than half of those present
    assert not proposal(rules, eligible=30, present=20, yes=10).passed


def test_election_tie_is_reported_not_resolved(frozen):
    rules = frozen("4")
    result = compute(
        rules=rules,
        eligible=100,
        present=100,
        tally={"c1": 51, "c2": 51, "c3": 0},
        kind="election",
        seats=1,
        labels={"c1": "A", "c2": "B"},
        meeting=True,
    )
    assert result.tied == ["c1", "c2"] and result.elected == [] and not result.passed
    assert any("bằng phiếu" in line for line in result.lines)


def test_election_elects_those_above_the_threshold_up_to_the_seats(frozen):
    rules = frozen("5")
    result = compute(
        rules=rules,
        eligible=100,
        present=90,
        tally={"c1": 80, "c2": 70, "c3": 51, "c4": 50},
        kind="election",
        seats=2,
        labels={},
        meeting=True,
    )
    assert result.elected == ["c1", "c2"] and result.passed and not result.tied
    short = compute(
        rules=rules,
        eligible=100,
        present=90,
        tally={"c1": 80, "c2": 50},
        kind="election",
        seats=2,
        labels={},
        meeting=True,
    )
    assert short.elected == ["c1"] and not short.passed


def test_meets_is_exact_in_whole_numbers():
    half = {"numerator": 1, "denominator": 2, "strict": True}
    assert not meets(1, 2, half) and meets(2, 3, half)
    third = {"numerator": 2, "denominator": 3, "strict": False}
    assert meets(2, 3, third) and not meets(199, 300, third)
