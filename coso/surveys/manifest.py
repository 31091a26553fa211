"""Satisfaction surveys: questionnaires as data, runs with their sample, answers."""

from coso.core.grants import write
from coso.core.manifests import Manifest, Seed
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="satisfaction surveys: questionnaires, samples, answers",
    urls="coso.surveys.urls",
    api="coso.surveys.api.router",
    api_prefix="/surveys",
    actions=(
        write(
            "surveys.write",
            "Run the unit's satisfaction surveys: create a survey, draw its sample, print "
            "the one-time links, key in paper forms, close it.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.FRONT_OFFICER},
        ),
    ),
    indicators="coso.surveys.indicators",
    raises=("surveys.Answer.text",),
    seeds=(Seed("coso.surveys.seed.seed_demo", order=65),),
)
