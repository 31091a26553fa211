"""Figures from every app's indicators, dashboards and periodic reports."""

from coso.core.grants import approve, write
from coso.core.manifests import Manifest, Seed
from coso.core.roles import MONITORING_ROLES, Role

R = Role

MANIFEST = Manifest(
    summary="figures, dashboards, periodic reports",
    urls="coso.reports.urls",
    api="coso.reports.api.router",
    api_prefix="/indicators",
    actions=(
        write(
            "reports.write",
            "Draft and send the periodic report of the unit the role is bound to (figures "
            "frozen when sent): a commune's officials their commune's, a province's "
            "steering committee the province's.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.PROVINCE_VIEWER},
        ),
        write(
            "reports.write_any",
            "With `reports.write`: draft and send the report of any unit the role reaches, "
            "not only of the unit it is bound to.",
            {R.ADMINISTRATOR},
        ),
        approve(
            "reports.approve",
            "Accept, or return with comments, the reports of the units below (the "
            "provinces' for nationwide roles).",
            {R.ADMINISTRATOR, *MONITORING_ROLES},
        ),
    ),
    seeds=(Seed("coso.reports.seed.seed_demo", order=10, after_figures=True),),
)
