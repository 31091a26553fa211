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
from coso.notices.models import Channel, Delivery, Notice, Preference, State


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


# Residents: told on the channel they chose, or not at all.


def resident_preference(recipient: str) -> tuple[str, bool]:
    """(channel, stopped) for one resident: their choice, else the default channel."""
    row = Preference.objects.filter(recipient=recipient).values_list("channel", "stopped").first()
    return row or (settings.COSO_NOTICE_RESIDENT_CHANNEL, False)


def resident_preference_set(*, recipient: str, channel: str, stopped: bool) -> Preference:
    """Record a resident's choice (the caller audits it: it knows who chose)."""
    if channel not in Channel.values:
        raise ValueError(channel)
    pref, _ = Preference.objects.update_or_create(
        recipient=recipient, defaults={"channel": channel, "stopped": stopped}
    )
    return pref


def _address(channel: str, phone: str, email: str) -> str:
    return email if channel == Channel.EMAIL else phone


def notify_residents(items: list[tuple[str, str, str, str]], *, subject: str, body: str) -> int:
    """Queue one message to each resident in `items` — (recipient, key, phone, e-mail)
    — on the channel each chose; none to a resident who stopped notices, or who has no
    address for their channel (a phone for SMS and Zalo). The preferences are read in
    one query and the rows written in one insert, whatever the number of residents; a
    key already queued is skipped. Returns the number of rows written."""
    if not items:
        return 0
    chosen = dict(
        (r, (c, s))
        for r, c, s in Preference.objects.filter(
            recipient__in={item[0] for item in items}
        ).values_list("recipient", "channel", "stopped")
    )
    default = (settings.COSO_NOTICE_RESIDENT_CHANNEL, False)
    rows = []
    for recipient, key, phone, email in items:
        channel, stopped = chosen.get(recipient, default)
        to = _address(channel, phone.strip(), email.strip())
        if stopped or not to:
            continue
        rows.append(
            Notice(key=key[:200], to=to[:254], subject=subject[:255], body=body, channel=channel)
        )
    before = Notice.objects.filter(key__in=[n.key for n in rows]).count()
    Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return Notice.objects.filter(key__in=[n.key for n in rows]).count() - before


def notify_resident(
    *, recipient: str, key: str, subject: str, body: str, phone: str = "", email: str = ""
) -> bool:
    """Queue one message to one resident (see `notify_residents`); True when written."""
    return notify_residents([(recipient, key, phone, email)], subject=subject, body=body) > 0
