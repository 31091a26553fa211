"""What the demo's seed steps (`coso/<app>/seed.py`) share: the communes a step still
has to fill, each with its own random draw, so that the demo comes out the same on
every run and a step run again adds nothing twice."""

import random
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Manager, QuerySet


def communes_to_seed(
    communes: Iterable[Any], seeded: "QuerySet[Any] | Manager[Any]", name: str
) -> Iterator[tuple[Any, random.Random]]:
    """The communes of `communes` with no record in `seeded` yet (by its `unit_id`), in
    order, each with a random generator seeded by `name` and the commune's code."""
    done = set(seeded.values_list("unit_id", flat=True).distinct())
    for commune in communes:
        if commune.pk not in done:
            yield commune, random.Random(f"coso-{name}-{commune.code}")
