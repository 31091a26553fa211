"""Figures from every app's indicators, dashboards and periodic reports."""

from coso.core.manifests import APPROVE, WRITE, Action, Manifest, Seed
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="figures, dashboards, periodic reports",
    urls="coso.reports.urls",
    api="coso.reports.api.router",
    api_prefix="/indicators",
    actions=(
        Action(
            "reports.write",
            WRITE,
            "Draft and send the periodic report of the unit the role is bound to (figures "
            "frozen when sent): a commune's officials their commune's, a province's "
            "steering committee the province's.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.PROVINCE_VIEWER}),
        ),
        Action(
            "reports.write_any",
            WRITE,
            "With `reports.write`: draft and send the report of any unit the role reaches, "
            "not only of the unit it is bound to.",
            frozenset({R.ADMINISTRATOR}),
        ),
        Action(
            "reports.approve",
            APPROVE,
            "Accept, or return with comments, the reports of the units below (the "
            "provinces' for nationwide roles).",
            frozenset({R.ADMINISTRATOR, R.PROVINCE_VIEWER, R.CENTRAL_VIEWER}),
        ),
    ),
    seeds=(Seed("coso.reports.seed.seed_demo", order=10, after_figures=True),),
)
