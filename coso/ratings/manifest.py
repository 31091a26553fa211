"""Per-case ratings: the person who raised a petition or a promise rates its answer."""

from coso.core.manifests import Manifest

MANIFEST = Manifest(summary="residents rate the answer to their petition or follow-up")
