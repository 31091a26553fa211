"""What consultations answer for other apps (coso.core.hooks)."""

from coso.concerns import services as concerns
from coso.consultations.models import Opinion
from coso.consultations.services import raised_of
from coso.core import hooks


def concern_source() -> concerns.Source:
    """Every opinion on a draft (the concerns' backfill)."""
    return concerns.Source(
        records=lambda: Opinion.objects.select_related("consultation__unit", "household"),
        build=raised_of,
    )


hooks.provide("concerns.raised.consultations.opinion", concern_source)
