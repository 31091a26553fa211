"""Codes people read off paper or type on a phone: unambiguous and not guessable."""

import secrets

# No 0/O and no 1/I/L, which are mistaken for each other.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def random_code(length: int) -> str:
    """`length` symbols from 31, drawn by the operating system's secure generator."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise(code: str) -> str:
    """What a person typed, upper-cased, without spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())
