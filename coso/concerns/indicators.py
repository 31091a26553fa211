"""What concerns count as (coso.core.indicators): filled in by issue 21's work."""

from coso.concerns import hotspot_figures  # noqa: F401,E402
