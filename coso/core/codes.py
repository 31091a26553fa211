"""Codes people read off paper or type on a phone: unambiguous and not guessable."""

import secrets
from urllib.parse import parse_qs, urlsplit

# No 0/O and no 1/I/L, which are mistaken for each other.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def random_code(length: int) -> str:
    """`length` symbols from 31, drawn by the operating system's secure generator."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise(code: str) -> str:
    """What a person typed, upper-cased, without spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_in(text: str) -> str:
    """The code in one line a person typed or a scanner read: the code itself (Latin
    letters and digits; spaces and dashes allowed), or the URL a printed QR code holds,
    the code after "#code=" (or "?code=", on forms printed before). "" when the line is
    neither."""
    text = text.strip()
    url = urlsplit(text)
    if url.scheme in ("http", "https") and url.netloc:
        found = parse_qs(url.fragment).get("code") or parse_qs(url.query).get("code") or [""]
        text = found[0].strip()
    if not all(ch.isascii() and ch.isalnum() or ch in " -" for ch in text):
        return ""
    return normalise(text)
