"""Writing to the outbox and delivering it.

`notify()` is the only way an app tells someone something: it writes a row in the
caller's transaction (so a change rolled back tells no one), and nothing is sent in the
request. `deliver()` — `coso notices send`, run continuously with `--every` (a
household's sign-in code waits for it) or by cron — sends what is pending, each by its
channel (coso.notices.channels): it claims each row before sending, so a notice is
delivered at most once even if two senders run, and a temporary failure is retried up
to `COSO_NOTICE_ATTEMPTS` times, each later than the last (`COSO_NOTICE_BACKOFF_SECONDS`,
doubled each time); a permanent one is given up at once. A gateway's delivery report
(`notice_delivery_record`, called by its callback) says whether the message arrived.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coso.notices.channels import Permanent, channel_for
from coso.notices.models import Channel, Delivery, Notice, State


def notify(
    *, key: str, to: str, subject: str, body: str, user: Any = None, channel: str = Channel.EMAIL
) -> Notice | None:
    """Queue one message; None when `to` is empty or the key was already queued."""
    to = to.strip()
    if not to:
        return None
    notice, created = Notice.objects.get_or_create(
        key=key[:200],
        defaults={
            "to": to[:254],
            "subject": subject[:255],
            "body": body,
            "user": user if getattr(user, "pk", None) else None,
            "channel": channel,
        },
    )
    return notice if created else None


def _claim(limit: int, after: int) -> list[Notice]:
    """Mark up to `limit` pending notices after id `after` as being sent; return them."""
    with transaction.atomic():
        qs = Notice.objects.filter(
            Q(retry_at__isnull=True) | Q(retry_at__lte=timezone.now()),
            state=State.PENDING,
            attempts__lt=settings.COSO_NOTICE_ATTEMPTS,
            pk__gt=after,
        ).order_by("id")
        rows = list(qs.select_for_update(skip_locked=True)[:limit])
        Notice.objects.filter(pk__in=[n.pk for n in rows]).update(
            state=State.SENDING, claimed_at=timezone.now()
        )
    return rows


STALE = dt.timedelta(minutes=15)


def give_up_stale() -> int:
    """Notices claimed long ago and never marked sent: the sender died while sending.
    Whether they left is unknown, and a notice goes at most once: they are marked
    failed, for someone to look at, not sent again."""
    return Notice.objects.filter(state=State.SENDING, claimed_at__lt=timezone.now() - STALE).update(
        state=State.FAILED, last_error="interrupted while sending; not sent again"
    )


def _send(notice: Notice) -> str | None:
    return channel_for(notice.channel).send(notice)


def _sent(notice: Notice, provider_id: str | None) -> None:
    # A channel whose messages carry a secret (a text's sign-in code) keeps no body.
    body = notice.body if channel_for(notice.channel).keeps_body else ""
    Notice.objects.filter(pk=notice.pk).update(
        state=State.SENT,
        attempts=notice.attempts + 1,
        sent_at=timezone.now(),
        body=body,
        provider_id=(provider_id or "")[:100],
        retry_at=None,
    )


def backoff(attempts: int) -> dt.timedelta:
    """How long a notice waits after its `attempts`-th failed try: the base, doubled
    each time, never more than the cap (a gateway down for an hour is not hammered)."""
    base = settings.COSO_NOTICE_BACKOFF_SECONDS
    return dt.timedelta(
        seconds=min(base * 2 ** (attempts - 1), settings.COSO_NOTICE_BACKOFF_MAX_SECONDS)
    )


def _failed(notice: Notice, error: Exception) -> None:
    """Back in the queue for the next round, or given up: after a permanent failure, or
    the last attempt allowed."""
    attempts = notice.attempts + 1
    gave_up = isinstance(error, Permanent) or attempts >= settings.COSO_NOTICE_ATTEMPTS
    Notice.objects.filter(pk=notice.pk).update(
        state=State.FAILED if gave_up else State.PENDING,
        attempts=attempts,
        last_error=str(error)[:2000],
        retry_at=None if gave_up else timezone.now() + backoff(attempts),
    )


def deliver(*, limit: int = 500, after: int = 0) -> tuple[int, int, int]:
    """Send the oldest `limit` pending notices after id `after`.
    Returns (sent, failed, the last id tried — 0 when there was none)."""
    sent = failed = last = 0
    for notice in _claim(limit, after):
        last = notice.pk
        try:
            provider_id = _send(notice)
        except Exception as error:  # any channel's failure, temporary unless Permanent
            _failed(notice, error)
            failed += 1
        else:
            _sent(notice, provider_id)
            sent += 1
    return sent, failed, last


def notice_delivery_record(
    *, channel: str, provider_id: str = "", key: str = "", delivered: bool
) -> bool:
    """A gateway's delivery report for one sent notice, found by the gateway's message
    id or by the notice's key (the tracking id it was sent with). A report never turns
    "delivered" back. False when no sent notice matches."""
    if not (provider_id or key):
        return False
    match = Q(provider_id=provider_id) if provider_id else Q(key=key)
    found = Notice.objects.filter(match, channel=channel, state=State.SENT).exclude(
        delivery=Delivery.DELIVERED
    )
    if delivered:
        changed = found.update(delivery=Delivery.DELIVERED, delivered_at=timezone.now())
    else:
        changed = found.update(delivery=Delivery.UNDELIVERED)
    return changed > 0 or Notice.objects.filter(match, channel=channel, state=State.SENT).exists()
