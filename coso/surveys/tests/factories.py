"""Test data for surveys: a commune with villages of households, a survey on a shipped
questionnaire, and answer forms."""

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from coso.accounts.models import Role, RoleAssignment, User
from coso.people.tests.factories import adult, make_household
from coso.surveys import services
from coso.surveys.models import Questionnaire, Survey


def place(
    prov: Any, *, villages: int, households: int, name: str = "Xã Bình Lư"
) -> SimpleNamespace:
    """A commune of `villages` villages of `households` households each, and its official."""
    from coso.units.tests.factories import commune, village

    unit = commune(prov, name)
    found = [village(unit, f"Bản {name[-3:]} {v}") for v in range(villages)]
    homes = [
        make_household(v, f"H{n}-{i:03d}", members=[adult(f"Lò Văn {n}{i}")])
        for n, v in enumerate(found)
        for i in range(households)
    ]
    official = User.objects.create_user(f"official-{unit.code}", password="pw")
    RoleAssignment.objects.create(user=official, unit=unit, role=Role.COMMUNE_OFFICIAL)
    return SimpleNamespace(commune=unit, villages=found, households=homes, official=official)


def questionnaire(code: str = "sipas") -> Questionnaire:
    return Questionnaire.objects.get(code=code, version=1)


def make_survey(
    actor: Any, unit: Any, *, plan: str = "all", per_village: int | None = None, **kw: Any
) -> Survey:
    today = timezone.localdate()
    data = {
        "questionnaire": questionnaire(),
        "title": "Khảo sát sự hài lòng năm 2026",
        "period": "2026",
        "opens_on": today - dt.timedelta(days=1),
        "closes_on": today + dt.timedelta(days=10),
        "plan": plan,
        "per_village": per_village,
    } | kw
    return services.survey_create(actor=actor, unit=unit, data=services.SurveyData(**data))


def answers(overall: str, satisfied: str = "4", comment: str = "") -> dict[str, str]:
    """A SIPAS form: used the services, every element's satisfaction `satisfied`, the
    overall question `overall`."""
    found = {"used": "yes", "feedback_sent": "no", "overall": overall, "comment": comment}
    for element in ("access", "procedure", "official", "result"):
        found[f"{element}_satisfaction"] = satisfied
    return found
