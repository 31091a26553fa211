"""Every promise made to residents, followed to its end."""

from coso.core.manifests import WRITE, Action, Manifest
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary="every promise to its end",
    urls="coso.followups.urls",
    api="coso.followups.api.router",
    api_prefix="/followups",
    actions=(
        Action(
            "followups.write",
            WRITE,
            "Report on the unit's follow-ups (commitments, forwarded questions, "
            "conclusions): in progress, done with evidence, or not possible with the reason.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.ORG_OFFICER}),
        ),
    ),
    indicators="coso.followups.indicators",
    topics=("followups.FollowUp.topic",),
)
