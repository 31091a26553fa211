"""Warnings of democracy not being practised, found daily from the maintained figures."""

from coso.core.grants import write
from coso.core.manifests import Manifest, Seed
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="warnings of democracy not practised, from the figures, daily",
    urls="coso.alerts.urls",
    api="coso.alerts.api.router",
    api_prefix="/warnings",
    actions=(
        write(
            "warnings.write",
            "Acknowledge a warning about the unit, or turn it into a follow-up with an "
            "owner and a due date.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.ORG_OFFICER},
        ),
    ),
    indicators="coso.alerts.indicators",
    seeds=(Seed("coso.alerts.seed.seed_demo", order=95, after_figures=True),),
)
