"""The map: provinces, communes, villages, agencies and enterprises, and how they merge.

Other apps read it through `coso.units.selectors` (its reads, and the types `Unit`,
`UnitKind`, `COMMUNITY_KINDS` they name) and write it through `coso.units.services`;
their pages about one unit share `unit_page` and its kin (coso.units.pages).
"""

from coso.units.pages import unit_form_page, unit_list_page, unit_page, work_list_page

__all__ = ["unit_form_page", "unit_list_page", "unit_page", "work_list_page"]
