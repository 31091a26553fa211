"""What residents raise, by topic across channels; hotspots caught early."""

from coso.core.grants import write
from coso.core.manifests import Manifest, Seed
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="concerns by topic across channels, the topic catalogue, hotspots",
    urls="coso.concerns.urls",
    api="coso.concerns.api.router",
    api_prefix="/concerns",
    actions=(
        write(
            "concerns.write",
            "Confirm or change the topics of what residents raised (a petition, a question, "
            "an opinion, a request), link it to the household that raised it; track a "
            "hotspot to its outcome.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.FRONT_OFFICER},
        ),
        write(
            "topics.manage",
            "Add, change and retire the topics of the catalogue and the phrases that "
            "suggest them (each change a new revision, written to the audit log).",
            {R.ADMINISTRATOR},
        ),
    ),
    indicators="coso.concerns.indicators",
    seeds=(Seed("coso.concerns.seed.seed_demo", order=75),),
)
