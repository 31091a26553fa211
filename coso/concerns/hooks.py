"""What concerns answers for lower apps (coso.core.hooks)."""

from typing import Any

from django.http import HttpRequest

from coso.concerns import selectors
from coso.core import hooks


def dashboard_block(*, request: HttpRequest, unit: Any) -> str:
    """The hotspots block at the top of a dashboard: nothing yet (issue 21's work)."""
    del request, unit
    return ""


hooks.provide("dashboard.hotspots", dashboard_block)


# The topic catalogue, for apps that sit below concerns (followups: concerns opens
# follow-ups, so followups never imports concerns).
hooks.provide("topics.is_topic", selectors.is_topic)
