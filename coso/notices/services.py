"""Writing to the outbox and delivering it.

`notify()` is the only way an app tells someone something: it writes a row in the
caller's transaction (so a change rolled back tells no one), and nothing is sent in the
request. `deliver()` — `coso notices send`, run continuously with `--every` (a
household's sign-in code waits for it) or by cron — sends what is pending, each by its
channel (coso.notices.channels): it claims each row before sending, so a notice is
delivered at most once even if two senders run, and a temporary failure is retried up
to `COSO_NOTICE_ATTEMPTS` times; a permanent one is given up at once.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coso.notices.channels import Permanent, channel_for
from coso.notices.models import Channel, Notice, State


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
            state=State.PENDING, attempts__lt=settings.COSO_NOTICE_ATTEMPTS, pk__gt=after
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


def _send(notice: Notice) -> None:
    channel_for(notice.channel).send(notice)


def _sent(notice: Notice) -> None:
    # A channel whose messages carry a secret (a text's sign-in code) keeps no body.
    body = notice.body if channel_for(notice.channel).keeps_body else ""
    Notice.objects.filter(pk=notice.pk).update(
        state=State.SENT, attempts=notice.attempts + 1, sent_at=timezone.now(), body=body
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
    )


def deliver(*, limit: int = 500, after: int = 0) -> tuple[int, int, int]:
    """Send the oldest `limit` pending notices after id `after`.
    Returns (sent, failed, the last id tried — 0 when there was none)."""
    sent = failed = last = 0
    for notice in _claim(limit, after):
        last = notice.pk
        try:
            _send(notice)
        except Exception as error:  # any channel's failure, temporary unless Permanent
            _failed(notice, error)
            failed += 1
        else:
            _sent(notice)
            sent += 1
    return sent, failed, last
