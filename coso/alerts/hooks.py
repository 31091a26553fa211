"""What alerts answers for lower apps (coso.core.hooks)."""

from typing import Any

from django.http import HttpRequest

from coso.core import hooks


def dashboard_block(*, request: HttpRequest, unit: Any) -> str:
    """The warnings block at the top of a dashboard: nothing yet (issue 21's work)."""
    del request, unit
    return ""


hooks.provide("dashboard.warnings", dashboard_block)
