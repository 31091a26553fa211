"""The map: provinces, communes, villages, agencies and enterprises, as a tree."""

from coso.core.manifests import WRITE, Action, Manifest
from coso.core.roles import Role

MANIFEST = Manifest(
    summary="the map: the tree of units every role is bound to",
    urls="coso.units.urls",
    api="coso.units.api.router",
    api_prefix="/units",
    actions=(
        Action(
            "units.write",
            WRITE,
            "Create, rename, merge and close units.",
            frozenset({Role.ADMINISTRATOR}),
        ),
    ),
)
