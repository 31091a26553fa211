"""How concerns are counted, wherever they are (the figures, hotspots, the drill-down):
over `ConcernTopic` rows, "households" are the distinct households known to have raised
the topic plus one for each record whose sender is no known household; "records" are
the distinct records (a record with two subtopics of one first-level topic counts once
for it). The same household raising a topic through several channels counts once."""

from django.db.models import Count, Q
from django.db.models.expressions import CombinedExpression


def households() -> CombinedExpression:
    return Count("household", distinct=True) + Count(
        "concern", distinct=True, filter=Q(household__isnull=True)
    )


def records() -> Count:
    return Count("concern", distinct=True)
