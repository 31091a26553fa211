"""Dân biết: what units must make public, and who falls short."""

from coso.core.manifests import WRITE, Action, Manifest, Seed
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="*dân biết*: what units make public, and who falls short",
    urls="coso.disclosures.urls",
    api="coso.disclosures.api.router",
    api_prefix="/disclosures",
    actions=(
        Action(
            "disclosures.write",
            WRITE,
            "Publish, amend and take down disclosures.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.ORG_OFFICER}),
        ),
    ),
    indicators="coso.disclosures.indicators",
    seeds=(Seed("coso.disclosures.seed.seed_demo", order=10),),
)
