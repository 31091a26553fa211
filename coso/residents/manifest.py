"""Households signing in as themselves."""

from coso.core.manifests import Manifest

MANIFEST = Manifest(
    summary="households signing in as themselves",
    urls="coso.residents.urls",
)
