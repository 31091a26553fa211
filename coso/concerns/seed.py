"""The demo's concerns."""

from typing import Any

from coso.core.manifests import DemoPlace


def seed_demo(place: DemoPlace) -> Any:
    """Nothing yet (issue 21's work fills this)."""
    del place
