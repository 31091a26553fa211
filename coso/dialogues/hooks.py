"""What dialogues answer for other apps (coso.core.hooks)."""

from coso.concerns import services as concerns
from coso.core import hooks
from coso.dialogues.models import Item
from coso.dialogues.services import QUESTION_KINDS, raised_of


def concern_source() -> concerns.Source:
    """The questions of dialogues and voter meetings (the concerns' backfill)."""
    return concerns.Source(
        records=lambda: Item.objects.filter(meeting__kind__in=QUESTION_KINDS).select_related(
            "meeting__unit"
        ),
        build=raised_of,
    )


hooks.provide("concerns.raised.dialogues.item", concern_source)
