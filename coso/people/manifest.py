"""Households and their members, village by village."""

from coso.core.manifests import EXPORT, WRITE, Action, Manifest
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="households and residents",
    urls="coso.people.urls",
    api="coso.people.api.router",
    api_prefix="/households",
    actions=(
        Action(
            "households.write",
            WRITE,
            "Add and correct households and their members; import household lists.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.VILLAGE_HEAD}),
        ),
        Action(
            "households.export",
            EXPORT,
            "Download a village's household list (personal data) as XLSX.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.VILLAGE_HEAD}),
        ),
    ),
    indicators="coso.people.indicators",
)
