"""What the people app answers for the apps below it (`coso.core.hooks`): a unit's page
lists its households, or their figures for those who may not read names."""

from coso.core import hooks
from coso.people import selectors

hooks.provide("units.household_figures", selectors.household_figures)
hooks.provide("units.households_page", selectors.households_page)
