"""The demo's alerts: the daily scan, run once the demo's figures are computed, so the
dashboards show the warnings the demo's records call for."""

from typing import Any

from django.utils import timezone

from coso.alerts.services import warnings_scan
from coso.core.manifests import DemoPlace


def seed_demo(place: DemoPlace) -> Any:
    """Scan today's figures as `coso warnings scan` does each day."""
    del place
    return warnings_scan(today=timezone.localdate())
