"""The outbox: messages written with the change that causes them, sent at most once."""

from coso.core.manifests import Manifest

MANIFEST = Manifest(
    summary="the outbox: e-mail, SMS and Zalo, sent at most once, with delivery reports",
    urls="coso.notices.urls",
)
