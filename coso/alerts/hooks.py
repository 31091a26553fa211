"""What alerts answers for lower apps (coso.core.hooks)."""

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from coso.alerts import selectors
from coso.core import hooks


def dashboard_block(*, request: HttpRequest, unit: Any) -> str:
    """The warnings block at the top of a dashboard: the open warnings under the unit
    (the nation when None), how many and the newest few, each linked to its unit's
    list — two queries. The dashboard is already scoped to the reader."""
    summary = selectors.open_under(unit=unit)
    return render_to_string(
        "alerts/block.html", {"summary": summary, "unit": unit}, request=request
    )


hooks.provide("dashboard.warnings", dashboard_block)
