"""Demo ratings: most of the demo's resolved petitions and done follow-ups raised by
residents are rated by whoever raised them, a few days after, mostly satisfied."""

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from coso.core.manifests import DemoPlace
from coso.followups.models import FollowUp
from coso.followups.models import Status as FollowUpStatus
from coso.petitions.models import Petition
from coso.petitions.models import Status as PetitionStatus
from coso.ratings import selectors, services
from coso.ratings.models import Rating
from coso.ratings.scale import Scale, scale_in_force
from coso.units.models import Unit

COMMENTS = [
    "",
    "",
    "Cán bộ giải thích rõ ràng, nhiệt tình (dữ liệu mô phỏng).",
    "Giải quyết còn chậm so với hẹn (dữ liệu mô phỏng).",
    "Đã làm xong nhưng chất lượng chưa tốt (dữ liệu mô phỏng).",
]


def _scores(scale: Scale, rng: random.Random) -> dict[str, int]:
    """A resident's mood, give or take a point on each criterion."""
    points = [n for n, _label in scale.points]
    mood = rng.choice(points[1:] + points[-2:] * 2)  # mostly towards the top
    return {
        key: min(points[-1], max(points[0], mood + rng.choice([-1, 0, 0, 1])))
        for key, _label in scale.criteria
    }


def _rate(code: str, closed_on: dt.date | None, scale: Scale, today: dt.date) -> bool:
    rng = random.Random(f"coso-ratings-{code}")
    case = selectors.case_by_code(code)
    if case is None or rng.random() < 0.3:  # not everyone rates
        return False
    rating = services.rating_create(
        case=case, scores=_scores(scale, rng), comment=rng.choice(COMMENTS)
    )
    day = min(today, (closed_on or today) + dt.timedelta(days=rng.randint(0, 10)))
    Rating.objects.filter(pk=rating.pk).update(rated_on=day)  # demo data: a few days after
    return True


def seed_ratings(*, communes: Sequence[Unit]) -> int:
    """Idempotent: cases already rated are skipped."""
    today, scale = timezone.localdate(), scale_in_force()
    cases: list[tuple[Any, Any]] = list(
        Petition.objects.filter(
            unit__in=communes, status=PetitionStatus.RESOLVED, ratings__isnull=True
        ).values_list("tracking_code", "closed_on")
    )
    cases += FollowUp.objects.filter(
        unit__in=communes,
        status=FollowUpStatus.DONE,
        confirm_code__isnull=False,
        ratings__isnull=True,
    ).values_list("confirm_code", "closed_on")
    return sum(_rate(code, closed_on, scale, today) for code, closed_on in cases)


def seed_demo(place: DemoPlace) -> None:
    """The demo's ratings, in every commune."""
    seed_ratings(communes=place.communes)
