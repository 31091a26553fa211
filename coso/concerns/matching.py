"""Which topics a text raises, by the catalogue's phrases: text and phrases are folded
the same way (lower case, no diacritics, "đ" as "d", punctuation as spaces) and a
phrase matches whole words only. A subtopic's match stands for its parent too, so a
parent is suggested only when none of its subtopics matched."""

import unicodedata
from collections.abc import Iterable, Sequence

_FOLD = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """`text` lower-cased without diacritics, its words separated by single spaces."""
    bare = unicodedata.normalize("NFD", text.translate(_FOLD))
    letters = (c if c.isalnum() else " " for c in bare if not unicodedata.combining(c))
    return " ".join("".join(letters).lower().split())


def suggest(text: str, topics: Iterable[tuple[str, Sequence[str]]]) -> list[str]:
    """The codes of the `topics` ((code, phrases) pairs) whose phrases `text` contains,
    the most specific only, in catalogue order."""
    folded = f" {fold(text)} "
    matched = [
        code for code, phrases in topics if any(f" {p} " in folded for p in map(fold, phrases) if p)
    ]
    return [c for c in matched if not any(m.startswith(f"{c}.") for m in matched)]
