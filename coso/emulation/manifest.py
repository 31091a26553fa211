"""Emulation: criteria sets, runs over units, scores explained line by line."""

from coso.core.grants import write
from coso.core.manifests import Manifest, Seed
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="emulation: criteria sets, scores explained, classification",
    urls="coso.emulation.urls",
    api="coso.emulation.api.router",
    api_prefix="/emulation",
    actions=(
        write(
            "emulation.write",
            "Define emulation criteria sets, run them over a province's (or commune's) "
            "units, score the assessed criteria with evidence, publish, answer objections "
            "and make results final: the assessing body — the Fatherland Front and "
            "mass-mobilisation staff, over the units their role covers. Unfinished results "
            "are shown only to it and to each unit's own officials.",
            {R.ADMINISTRATOR, R.FRONT_OFFICER},
        ),
        write(
            "emulation.object",
            "Lodge an objection to a line of the unit's own published emulation score, "
            "before the deadline: the unit's officials.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.ORG_OFFICER},
        ),
    ),
    indicators="coso.emulation.indicators",
    seeds=(Seed("coso.emulation.seed.seed_demo", order=90, after_figures=True),),
)
