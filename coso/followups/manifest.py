"""Every promise made to residents, followed to its end."""

from coso.core.grants import write
from coso.core.manifests import Manifest
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="every promise to its end",
    urls="coso.followups.urls",
    api="coso.followups.api.router",
    api_prefix="/followups",
    actions=(
        write(
            "followups.write",
            "Report on the unit's follow-ups (commitments, forwarded questions, "
            "conclusions): in progress, done with evidence, or not possible with the reason.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.ORG_OFFICER},
        ),
    ),
    indicators="coso.followups.indicators",
)
