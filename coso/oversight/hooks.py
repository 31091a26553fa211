"""What oversight answers for other apps (coso.core.hooks)."""

from coso.concerns import services as concerns
from coso.core import hooks
from coso.oversight.models import Request
from coso.oversight.services.board import raised_of


def concern_source() -> concerns.Source:
    """Every resident's request to the People's Inspection Board (the concerns' backfill)."""
    return concerns.Source(
        records=lambda: Request.objects.select_related("commune"), build=raised_of
    )


hooks.provide("concerns.raised.oversight.request", concern_source)
