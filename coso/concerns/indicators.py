"""What concerns count as (coso.core.indicators): filled in by issue 21's work."""
