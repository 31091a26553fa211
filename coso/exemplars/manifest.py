"""'Dân vận khéo' models: registered, evaluated against the rubric, recognised."""

from coso.core.grants import approve
from coso.core.manifests import Manifest, Seed
from coso.core.roles import MONITORING_ROLES, Role

R = Role

MANIFEST = Manifest(
    summary="*Dân vận khéo* models",
    urls="coso.exemplars.urls",
    api="coso.exemplars.api.router",
    api_prefix="/exemplars",
    actions=(
        approve(
            "exemplars.approve",
            "Evaluate 'Dân vận khéo' models against the rubric and recognise them, each "
            "level its own: a commune's committee at commune level, a province's at "
            "province level, the centre's at central level.",
            {
                R.ADMINISTRATOR,
                R.COMMUNE_OFFICIAL,
                R.ORG_OFFICER,
                R.PROVINCE_VIEWER,
                R.CENTRAL_VIEWER,
            },
        ),
        approve(
            "exemplars.recognise_commune",
            "Recognise a model at commune level (an agency's or enterprise's at theirs): "
            "the commune's committee, or the province's above it.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.ORG_OFFICER, R.PROVINCE_VIEWER},
        ),
        approve(
            "exemplars.recognise_province",
            "Recognise a model at province level: the province's steering committee.",
            {R.ADMINISTRATOR, *MONITORING_ROLES},
        ),
        approve(
            "exemplars.recognise_central",
            "Recognise a model at central level: the centre's committee, held nationwide.",
            {R.ADMINISTRATOR, R.CENTRAL_VIEWER},
        ),
    ),
    indicators="coso.exemplars.indicators",
    seeds=(Seed("coso.exemplars.seed.seed_demo", order=50),),
)
