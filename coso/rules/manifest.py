"""The rulebook: every legal period, threshold and catalogue, versioned, and the
working-day calendar."""

from coso.core.grants import approve
from coso.core.manifests import Manifest
from coso.core.roles import Role

MANIFEST = Manifest(
    summary="the versioned rulebook and the working-day calendar",
    actions=(
        approve(
            "rules.approve",
            "Put a new version of a legal rule in force; add calendar exceptions.",
            {Role.ADMINISTRATOR},
        ),
    ),
)
