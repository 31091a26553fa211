"""Offline capture: the field page, its cached data and the sync of queued entries."""

from coso.core.grants import write
from coso.core.manifests import Manifest
from coso.core.roles import Role

MANIFEST = Manifest(
    summary="offline capture: the field page, its queue on the phone, sync exactly once",
    urls="coso.field.urls",
    actions=(
        write(
            "field.sync",
            "Use the offline field page: cache the household list and open matters of "
            "one's units, and send entries queued on the phone (each is then checked by "
            "the action of its own kind: decisions.write, petitions.write, "
            "mobilisation.write, oversight.write).",
            {
                Role.ADMINISTRATOR,
                Role.COMMUNE_OFFICIAL,
                Role.VILLAGE_HEAD,
                Role.FRONT_OFFICER,
                Role.INSPECTION_MEMBER,
            },
        ),
    ),
)
