"""Dân tham gia ý kiến: drafts put to residents' opinions, and the synthesis."""

from coso.core.grants import write
from coso.core.manifests import Manifest
from coso.core.roles import Role

MANIFEST = Manifest(
    summary="*dân tham gia ý kiến*: drafts, opinions, the synthesis",
    urls="coso.consultations.urls",
    actions=(
        write(
            "consultations.write",
            "Put a draft to residents' opinions, key in opinions gathered at meetings, by "
            "ballot, box or hotline, close, answer each opinion and publish the synthesis.",
            {Role.ADMINISTRATOR, Role.COMMUNE_OFFICIAL},
        ),
    ),
    indicators="coso.consultations.indicators",
    raises=("consultations.Opinion.text",),
)
