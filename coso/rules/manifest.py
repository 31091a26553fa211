"""The rulebook: every legal period, threshold and catalogue, versioned, and the
working-day calendar."""

from coso.core.manifests import APPROVE, Action, Manifest
from coso.core.roles import Role

MANIFEST = Manifest(
    summary="the versioned rulebook and the working-day calendar",
    actions=(
        Action(
            "rules.approve",
            APPROVE,
            "Put a new version of a legal rule in force; add calendar exceptions.",
            frozenset({Role.ADMINISTRATOR}),
        ),
    ),
)
