"""Feedback, complaints and denunciations, and citizen-reception days."""

from coso.core.grants import write
from coso.core.manifests import IDENTITY, Action, Manifest, Seed
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="feedback, complaints, denunciations, citizen reception, Open311",
    urls="coso.petitions.urls",
    api="coso.petitions.api.router",
    api_prefix="/petitions",
    actions=(
        Action(
            "identity.read",
            IDENTITY,
            "A denouncer's name and contact (LD art. 9, 56): only the petition's assigned "
            "handler, each view audited.",
            frozenset({R.COMMUNE_OFFICIAL}),
        ),
        write(
            "petitions.write",
            "Record, accept, refuse, transfer, extend and resolve petitions; hold "
            "citizen-reception days.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL},
        ),
    ),
    indicators="coso.petitions.indicators",
    seeds=(Seed("coso.petitions.seed.seed_demo", order=30),),
    raises=("petitions.Petition.description",),
)
