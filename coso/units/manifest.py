"""The map: provinces, communes, villages, agencies and enterprises, as a tree."""

from coso.core.grants import write
from coso.core.manifests import Manifest
from coso.core.roles import Role

MANIFEST = Manifest(
    summary="the map: the tree of units every role is bound to",
    urls="coso.units.urls",
    api="coso.units.api.router",
    api_prefix="/units",
    actions=(
        write(
            "units.write",
            "Create, rename, merge and close units.",
            {Role.ADMINISTRATOR},
        ),
    ),
)
