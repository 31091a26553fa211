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
