"""Knowing where trouble starts (issue 21): when records on one topic make a hotspot,
and when the figures show democracy not being practised (warnings). Filled in by the
work on hotspots and on warnings; each entry names its legal basis, and says where a
number is Coso's own policy rather than the law's."""

from coso.rules.catalogue.texts import Rule

# Hotspots (coso/concerns/hotspots.py).
HOTSPOTS: list[Rule] = []

# Warnings (coso/alerts): each `warning.*` rule with its legal basis.
WARNINGS: list[Rule] = []
