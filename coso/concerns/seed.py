"""The demo's concerns: every record the other seeds made in which residents raised
something gets its concern (the backfill, as on a live site that starts using Coso's
concerns), then officials confirm a share of them — most as the rules suggested, some
corrected — so the rules' precision has something to measure."""

from typing import Any

from coso.concerns import services
from coso.concerns.models import Concern
from coso.core.manifests import DemoPlace

# Of the demo's concerns: every CONFIRM-th is confirmed, every CORRECT-th of those corrected.
CONFIRM = 3
CORRECT = 4


def seed_demo(place: DemoPlace) -> Any:
    made = services.backfill()
    concerns = Concern.objects.select_related("unit").filter(
        commune__in=[c.pk for c in place.communes]
    )
    for n, concern in enumerate(concerns.order_by("pk")[::CONFIRM]):
        counted = services.counted_codes(concern)
        topics = counted or ["other"]
        if n % CORRECT == CORRECT - 1:
            topics = ["procedures"] if "procedures" not in counted else ["other"]
        services.classify(actor=place.actor, concern=concern, topics=topics)
    return made
