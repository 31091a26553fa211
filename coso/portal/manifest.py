"""The public portal and the officials' home page."""

from coso.core.manifests import Manifest

MANIFEST = Manifest(
    summary="public pages, the officials' home page, the demo",
    urls="coso.portal.urls",
)
