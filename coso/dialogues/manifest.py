"""Dialogues with residents, voter meetings and work visits."""

from coso.core.grants import write
from coso.core.manifests import Manifest, Seed
from coso.core.roles import MONITORING_ROLES, Role

R = Role

MANIFEST = Manifest(
    summary="dialogues, voter meetings, work visits",
    urls="coso.dialogues.urls",
    api="coso.dialogues.api.router",
    api_prefix="/dialogues",
    actions=(
        write(
            "mobilisation.write",
            "Record dialogues and voter meetings with their questions and commitments; "
            "register 'Dân vận khéo' models; support programmes and their lists.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.FRONT_OFFICER, R.ORG_OFFICER},
        ),
        write(
            "visits.write",
            "Record a steering committee's or commission's work visit to a unit below "
            "and the conclusions it asks the unit to carry out.",
            {R.ADMINISTRATOR, *MONITORING_ROLES},
        ),
    ),
    indicators="coso.dialogues.indicators",
    seeds=(Seed("coso.dialogues.seed.seed_demo", order=40),),
    raises=("dialogues.Item.text",),
)
