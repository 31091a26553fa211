"""Households and their members, village by village."""

from coso.core.grants import write
from coso.core.manifests import EXPORT, Action, Manifest
from coso.core.roles import Role

R = Role
# Who keeps a village's household list, and so may download it.
KEEPERS = frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.VILLAGE_HEAD})

MANIFEST = Manifest(
    summary="households and residents",
    urls="coso.people.urls",
    api="coso.people.api.router",
    api_prefix="/households",
    actions=(
        write(
            "households.write",
            "Add and correct households and their members; import household lists.",
            KEEPERS,
        ),
        Action(
            "households.export",
            EXPORT,
            "Download a village's household list (personal data) as XLSX.",
            KEEPERS,
        ),
    ),
    indicators="coso.people.indicators",
)
