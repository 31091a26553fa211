"""What other apps read of concerns. They name a topic by its code and read the
catalogue only through these (coso/concerns/topics.py keeps it)."""

from coso.concerns.topics import (
    OTHER,
    Catalogue,
    Entry,
    active,
    catalogue,
    choices,
    full_label,
    is_topic,
    label,
    revision,
    suggest,
    top_of,
)

__all__ = [
    "OTHER",
    "Catalogue",
    "Entry",
    "active",
    "catalogue",
    "choices",
    "full_label",
    "is_topic",
    "label",
    "revision",
    "suggest",
    "top_of",
]
