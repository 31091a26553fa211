"""Text helpers shared by every module."""

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case `text` and strip Vietnamese diacritics, for search and matching.

    "LAI CHÂU", "Lai Châu" and "lai chau" all fold to "lai chau". Đ/đ is a separate
    letter, not a D with a mark, so it is mapped by hand.
    """
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def whole(number: int) -> str:
    """A whole number with the language's thousands separator (10.000 in Vietnamese,
    10,000 in English), which Django's Vietnamese formats leave ungrouped."""
    from django.utils.formats import get_format

    return f"{number:,}".replace(",", str(get_format("THOUSAND_SEPARATOR")))
