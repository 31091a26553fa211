"""A demo survey: the SIPAS questionnaire in the first commune, a random sample of
households in each village with a recorded seed, answers through the three channels,
closed so that its results (and the index built on them) show."""

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from coso.core.manifests import DemoPlace
from coso.surveys import services
from coso.surveys.models import Invited, Questionnaire, Survey
from coso.units.models import Unit

SEED = 20260415
PER_VILLAGE = 16


def _answers(rng: random.Random) -> dict[str, str]:
    """A plausible form: most households used the commune's services, and mostly
    satisfied (4 or 5), some not."""
    points = ["2", "3", "4", "4", "5", "5"]
    found = {"used": "yes", "feedback_sent": rng.choice(["yes", "no"])}
    for element in ("access", "procedure", "official", "result", "feedback", "overall"):
        found[f"{element}_satisfaction"] = rng.choice(points)
        found[f"{element}_assess"] = rng.choice(points)
    found["overall"] = found.pop("overall_satisfaction")
    found.pop("overall_assess")
    return found


def seed_survey(*, commune: Unit, actor: Any) -> int:
    """Idempotent: nothing is added once the commune has a survey."""
    if Survey.objects.filter(unit=commune).exists():
        return 0
    today = timezone.localdate()
    survey = services.survey_create(
        actor=actor,
        unit=commune,
        data=services.SurveyData(
            questionnaire=Questionnaire.objects.get(code="sipas", version=1),
            title="Khảo sát sự hài lòng với Ủy ban nhân dân xã",
            period=str(today.year),
            opens_on=today - dt.timedelta(days=20),
            closes_on=today,
            plan="sample",
            per_village=PER_VILLAGE,
        ),
    )
    services.survey_draw(actor=actor, survey=survey, seed=SEED)
    invited = list(Invited.objects.filter(survey=survey).select_related("household"))
    rng = random.Random(SEED)
    for n, row in enumerate(invited[: len(invited) * 2 // 3]):
        answers = _answers(rng)
        if n % 2:
            services.answer_by_token(token=row.token, answers=answers)
        else:
            services.answer_key_in(
                actor=actor, survey=survey, household_code=row.household.code, answers=answers
            )
    services.survey_close(actor=actor, survey=survey)
    return len(invited)


def seed_demo(place: DemoPlace) -> None:
    """The demo's survey, in the first commune."""
    seed_survey(commune=place.commune, actor=place.actor)
