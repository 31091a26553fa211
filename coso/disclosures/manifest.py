"""Dân biết: what units must make public, and who falls short."""

from coso.core.grants import write
from coso.core.manifests import Manifest, Seed
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="*dân biết*: what units make public, and who falls short",
    urls="coso.disclosures.urls",
    api="coso.disclosures.api.router",
    api_prefix="/disclosures",
    actions=(
        write(
            "disclosures.write",
            "Publish, amend and take down disclosures.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.ORG_OFFICER},
        ),
    ),
    indicators="coso.disclosures.indicators",
    seeds=(Seed("coso.disclosures.seed.seed_demo", order=10),),
)
