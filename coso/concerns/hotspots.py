"""Hotspots: many households (or records) raising one first-level topic in one commune
within a few days, or a crowd petition (rules `hotspot.*` in the rulebook)."""

from collections.abc import Sequence

from coso.concerns.models import ConcernTopic


def attach(rows: Sequence[ConcernTopic]) -> None:
    """Called in the transaction that wrote `rows` (a concern's topics as they count
    now): each row joins its commune's open hotspot on its first-level topic, or opens
    one if the rules say so (once: never once per record). To be written."""
    del rows
