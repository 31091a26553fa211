"""The rulebook: every legal period, threshold and catalogue, versioned, and the
working-day calendar."""

from coso.accounts.roles import Role
from coso.core.manifests import APPROVE, Action, Manifest

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
