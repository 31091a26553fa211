"""Which PINs a household may not choose: the ones anyone would try first.

This is the platform's policy, not the law (no rule in `coso.rules`): a PIN is the
household's key to vote online and follow its petitions, and a login is locked after a
few wrong secrets, so a PIN must not be among the first guesses. Every pattern refused
is listed once, in `WEAK_PATTERNS`, with the reason shown to the household.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PIN_MIN = 6
PIN_MAX = 12
# A household number or login with fewer digits than this says nothing worth refusing
# ("NL-7" has one digit: every PIN would contain it or not by chance).
OWN_DIGITS_MIN = 4


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _one_digit_repeated(pin: str, own: tuple[str, ...]) -> bool:
    """111111, 000000."""
    return len(set(pin)) == 1


def _in_sequence(pin: str, own: tuple[str, ...]) -> bool:
    """123456, 654321, and across the 9→0 wrap (789012, 210987)."""
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:], strict=False)}
    return steps in ({1}, {9})


def _block_repeated(pin: str, own: tuple[str, ...]) -> bool:
    """121212, 123123, 12341234: a short block typed again."""
    return any(
        len(pin) % size == 0 and pin == pin[:size] * (len(pin) // size)
        for size in range(2, len(pin) // 2 + 1)
    )


def _own_number(pin: str, own: tuple[str, ...]) -> bool:
    """The digits of the household's number or of its login, inside the PIN or the PIN
    inside them: both are printed on the household's slip and on lists."""
    return any(len(d) >= OWN_DIGITS_MIN and (d in pin or pin in d) for d in own)


@dataclass(frozen=True)
class Pattern:
    name: str
    matches: Callable[[str, tuple[str, ...]], bool]
    reason: Promise


WEAK_PATTERNS = (
    Pattern(
        "repeated", _one_digit_repeated, _("Mã PIN không được là một chữ số lặp lại (như 111111).")
    ),
    Pattern(
        "sequence",
        _in_sequence,
        _("Mã PIN không được là dãy số liên tiếp tăng hoặc giảm (như 123456, 654321)."),
    ),
    Pattern("block", _block_repeated, _("Mã PIN không được là một nhóm số lặp lại (như 121212).")),
    Pattern(
        "own number",
        _own_number,
        _("Mã PIN không được chứa số của hộ hoặc các chữ số trong mã đăng nhập của hộ."),
    ),
)


def pin_problem(pin: str, *, household_code: str = "", login: str = "") -> str | None:
    """Why `pin` may not be the household's PIN (a sentence to show), or None when it
    may: 6 to 12 digits, and none of `WEAK_PATTERNS`."""
    if not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        return gettext("Mã PIN gồm từ %(min)s đến %(max)s chữ số.") % {
            "min": PIN_MIN,
            "max": PIN_MAX,
        }
    own = (_digits(household_code), _digits(login))
    for pattern in WEAK_PATTERNS:
        if pattern.matches(pin, own):
            return str(pattern.reason)
    return None
