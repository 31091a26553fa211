"""Reads of the outbox, and whether texts can be sent at all (`sms_enabled`: a gateway
is configured)."""

from django.db.models import Min
from django.utils import timezone

from coso.notices.models import Notice, State
from coso.notices.sms import sms_enabled

__all__ = ["oldest_unsent_age", "sms_enabled"]


def oldest_unsent_age() -> float | None:
    """Seconds since the oldest notice still waiting to be delivered (queued, or claimed
    by a sender that has not finished) was written; None when nothing waits."""
    oldest = Notice.objects.filter(state__in=[State.PENDING, State.SENDING]).aggregate(
        at=Min("created_at")
    )["at"]
    return None if oldest is None else (timezone.now() - oldest).total_seconds()
