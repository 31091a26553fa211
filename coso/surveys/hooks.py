"""What surveys answer for other apps (coso.core.hooks)."""

from coso.concerns import services as concerns
from coso.core import hooks
from coso.surveys.services import comments_raised, raised_of


def concern_source() -> concerns.Source:
    """The free-text answers of closed surveys (the concerns' backfill)."""
    return concerns.Source(records=comments_raised, build=raised_of)


hooks.provide("concerns.raised.surveys.answer", concern_source)
