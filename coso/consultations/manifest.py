"""Dân tham gia ý kiến: drafts put to residents' opinions, and the synthesis."""

from coso.core.manifests import WRITE, Action, Manifest
from coso.core.roles import Role

MANIFEST = Manifest(
    summary="*dân tham gia ý kiến*: drafts, opinions, the synthesis",
    urls="coso.consultations.urls",
    actions=(
        Action(
            "consultations.write",
            WRITE,
            "Put a draft to residents' opinions, key in opinions gathered at meetings, by "
            "ballot, box or hotline, close, answer each opinion and publish the synthesis.",
            frozenset({Role.ADMINISTRATOR, Role.COMMUNE_OFFICIAL}),
        ),
    ),
    indicators="coso.consultations.indicators",
)
