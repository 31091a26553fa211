"""What concerns answers for lower apps (coso.core.hooks)."""

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from coso.concerns import hotspot_selectors, selectors
from coso.core import hooks


def dashboard_block(*, request: HttpRequest, unit: Any) -> str:
    """The hotspots block at the top of a dashboard: how many are open under the unit
    (the nation for None) among the communes the reader holds, the newest few, and a
    link to the list — nothing when none is open. Two queries."""
    count, more, first = hotspot_selectors.open_on_dashboard(user=request.user, unit=unit)
    if not count:
        return ""
    for hotspot in first:
        hotspot.topic_name = selectors.label(hotspot.topic.code)  # type: ignore[attr-defined]
    return render_to_string(
        "concerns/hotspots_block.html",
        {"count": count, "more": more, "first": first, "unit": unit},
        request=request,
    )


hooks.provide("dashboard.hotspots", dashboard_block)


# The topic catalogue, for apps that sit below concerns (followups: concerns opens
# follow-ups, so followups never imports concerns).
hooks.provide("topics.is_topic", selectors.is_topic)
