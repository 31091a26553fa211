"""The sample app's declaration: everything Coso learns about it."""

from coso.core.manifests import RECORDS, Action, Manifest, Seed
from coso.core.roles import Role

MANIFEST = Manifest(
    summary="an app added by its folder and one line in INSTALLED_APPS",
    urls="tests.sample_app.urls",
    api="tests.sample_app.api.router",
    api_prefix="/sample",
    actions=(
        Action(
            "sample.read",
            RECORDS,
            "Read the sample app's page of a unit.",
            frozenset({Role.ADMINISTRATOR, Role.COMMUNE_OFFICIAL, Role.VILLAGE_HEAD}),
        ),
    ),
    indicators="tests.sample_app.indicators",
    # After every other step that writes records (the oversight's is 70).
    seeds=(Seed("tests.sample_app.seed.seed_demo", order=90),),
)
