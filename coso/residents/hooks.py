"""What the residents app answers for the apps below it (`coso.core.hooks`): which
household is signed in on a session — the pages where a household votes, comments,
petitions or confirms a follow-up ask it; the household's own page lists them all."""

from coso.core import hooks
from coso.residents import services

hooks.provide("households.signed_in", services.current)
