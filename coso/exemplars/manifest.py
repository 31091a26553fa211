"""'Dân vận khéo' models: registered, evaluated against the rubric, recognised."""

from coso.core.manifests import APPROVE, Action, Manifest, Seed
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="*Dân vận khéo* models",
    urls="coso.exemplars.urls",
    api="coso.exemplars.api.router",
    api_prefix="/exemplars",
    actions=(
        Action(
            "exemplars.approve",
            APPROVE,
            "Evaluate 'Dân vận khéo' models against the rubric and recognise them, each "
            "level its own: a commune's committee at commune level, a province's at "
            "province level, the centre's at central level.",
            frozenset(
                {
                    R.ADMINISTRATOR,
                    R.COMMUNE_OFFICIAL,
                    R.ORG_OFFICER,
                    R.PROVINCE_VIEWER,
                    R.CENTRAL_VIEWER,
                }
            ),
        ),
        Action(
            "exemplars.recognise_commune",
            APPROVE,
            "Recognise a model at commune level (an agency's or enterprise's at theirs): "
            "the commune's committee, or the province's above it.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.ORG_OFFICER, R.PROVINCE_VIEWER}),
        ),
        Action(
            "exemplars.recognise_province",
            APPROVE,
            "Recognise a model at province level: the province's steering committee.",
            frozenset({R.ADMINISTRATOR, R.PROVINCE_VIEWER, R.CENTRAL_VIEWER}),
        ),
        Action(
            "exemplars.recognise_central",
            APPROVE,
            "Recognise a model at central level: the centre's committee, held nationwide.",
            frozenset({R.ADMINISTRATOR, R.CENTRAL_VIEWER}),
        ),
    ),
    indicators="coso.exemplars.indicators",
    seeds=(Seed("coso.exemplars.seed.seed_demo", order=50),),
)
