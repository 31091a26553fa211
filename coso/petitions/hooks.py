"""What petitions answer for other apps (coso.core.hooks)."""

from coso.concerns import services as concerns
from coso.core import hooks
from coso.petitions.models import Petition
from coso.petitions.services.intake import raised_of


def concern_source() -> concerns.Source:
    """Every petition raised something (the concerns' backfill)."""
    return concerns.Source(records=lambda: Petition.objects.select_related("unit"), build=raised_of)


hooks.provide("concerns.raised.petitions.petition", concern_source)
