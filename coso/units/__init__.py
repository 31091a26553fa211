"""The map: provinces, communes, villages, agencies and enterprises, and how they merge.

Other apps read it through `coso.units.selectors` (its reads, and the types `Unit`,
`UnitKind`, `COMMUNITY_KINDS` they name) and write it through `coso.units.services`;
their official pages about one unit share `unit_form_page`.
"""

from coso.units.pages import unit_form_page

__all__ = ["unit_form_page"]
