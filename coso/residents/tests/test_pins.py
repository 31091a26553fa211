"""Weak PINs are refused with a reason: one digit repeated, digits in sequence up or
down, a short block repeated, the household's own number or login digits — tested at
the edge of each pattern (the PIN refused and its nearest neighbour accepted)."""

import pytest
from django.urls import reverse

from coso.people.tests.factories import make_household
from coso.residents import services
from coso.residents.pins import OWN_DIGITS_MIN, PIN_MAX, PIN_MIN, WEAK_PATTERNS, pin_problem


@pytest.mark.parametrize(
    "pin, pattern",
    [
        ("111111", "repeated"),
        ("000000000000", "repeated"),
        ("123456", "sequence"),
        ("654321", "sequence"),
        ("789012", "sequence"),  # across 9 → 0
        ("210987", "sequence"),
        ("0123456789", "sequence"),
        ("121212", "block"),
        ("123123", "block"),
        ("48294829", "block"),
    ],
)
def test_first_guesses_are_refused_with_their_reason(pin, pattern):
    reason = next(str(p.reason) for p in WEAK_PATTERNS if p.name == pattern)
    assert pin_problem(pin) == reason
    assert reason.startswith("Mã PIN không được")


@pytest.mark.parametrize("pin", ["111112", "123457", "654320", "121213", "482915", "123124"])
def test_their_nearest_neighbours_are_accepted(pin):
    assert pin_problem(pin) is None


def test_length_and_digits_at_the_bounds():
    assert pin_problem("4" + "82915"[: PIN_MIN - 2]) is not None  # PIN_MIN - 1 digits
    assert pin_problem("482915"[:PIN_MIN]) is None
    assert pin_problem("482915730461"[:PIN_MAX]) is None
    assert pin_problem("4829157304618"[: PIN_MAX + 1]) is not None
    assert pin_problem("48a915") is not None
    assert "chữ số" in (pin_problem("48291") or "")


def test_the_households_own_number_and_login_digits_are_refused():
    short = "NL-" + "482915"[: OWN_DIGITS_MIN - 1]  # too few digits to mean anything
    enough = "NL-" + "482915"[:OWN_DIGITS_MIN]
    assert pin_problem("482915", household_code=short) is None
    assert "số của hộ" in (pin_problem("482915", household_code=enough) or "")
    assert pin_problem("748291", household_code="HH-482915") is None
    assert pin_problem("748291", household_code="HH-0074829100") is not None  # inside it
    assert pin_problem("748291", login="K4M8PQ2R") is None  # its digits: 482
    assert pin_problem("748291", login="K4M8P2Q9") is not None  # its digits: 4829


def test_the_pin_page_refuses_123456_with_the_reason(client, tree, village_head):
    household = make_household(tree.village_a, "NL-7")
    issued = services.issue_codes(actor=village_head, village=household.village)[0]
    client.post(reverse("residents:sign_in"), {"login": issued["login"], "secret": issued["code"]})
    response = client.post(reverse("residents:pin"), {"pin": "123456", "again": "123456"})
    assert response.status_code == 400
    assert "dãy số liên tiếp tăng hoặc giảm" in response.content.decode()
    household.access.refresh_from_db()
    assert household.access.pin == ""
