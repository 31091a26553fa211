"""Core: what every app shares."""

from coso.core.manifests import Manifest

MANIFEST = Manifest(
    summary=(
        "what every app shares: the base model, the audit log, scoping, the permission "
        "matrix and the roles, the manifests, hooks, errors"
    ),
)
