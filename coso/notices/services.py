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
import re
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core.errors import DomainError
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
    # By the gateway's id, or by the key it was sent with: a text sent again after a
    # lost answer (eSMS's 124, "request id already used") has no id of its own.
    match = (Q(provider_id=provider_id) if provider_id else Q()) | (Q(key=key) if key else Q())
    found = Notice.objects.filter(match, channel=channel, state=State.SENT).exclude(
        delivery=Delivery.DELIVERED
    )
    if delivered:
        changed = found.update(delivery=Delivery.DELIVERED, delivered_at=timezone.now())
    else:
        changed = found.update(delivery=Delivery.UNDELIVERED)
    return changed > 0 or Notice.objects.filter(match, channel=channel, state=State.SENT).exists()


# Residents: told on the channel they chose, or not at all.

STOP = "stop"  # the choice of no notices, beside the channels
MOBILE = re.compile(r"(?:\+?84|0)([35789]\d{8})")  # 0 or 84, then a mobile network's 9 digits


def vn_mobile(text: str) -> str:
    """A Vietnamese mobile number in its domestic form (0 and nine digits) — from
    "0912 345 678", "+84 912.345.678" or "84912345678" — or "" when `text` is not one
    (an e-mail address, a landline, a foreign number)."""
    found = MOBILE.fullmatch(re.sub(r"[\s.\-()]", "", text or ""))
    return "0" + found.group(1) if found else ""


def masked_address(address: str) -> str:
    """An address shown to whoever holds a tracking code or a household's sign-in, not
    given away: a phone's last 3 digits, an e-mail's first letter and its domain."""
    address = address.strip()
    if "@" in address:
        local, _at, domain = address.rpartition("@")
        return f"{local[:1]}***@{domain}"
    digits = [c for c in address if c.isdigit()]
    return "*" * max(len(digits) - 3, 0) + "".join(digits[-3:])


def resident_choices(*, phone: str = "", email: str = "") -> list[tuple[str, str]]:
    """What a resident may choose: SMS and Zalo when there is a phone to send them to,
    e-mail when there is an address, and always no notices at all."""
    offered = [Channel.SMS, Channel.ZALO] if phone.strip() else []
    if email.strip():
        offered.append(Channel.EMAIL)
    labels = dict(Channel.choices)
    return [(str(c), str(labels[c])) for c in offered] + [(STOP, _("Không nhận thông báo"))]


def resident_choice(recipient: str, *, phone: str = "", email: str = "") -> str:
    """The resident's present choice as `resident_choices` names it: `STOP`, or the
    channel they are told on with these addresses (see `_route`)."""
    channel, stopped = resident_preference(recipient)
    return STOP if stopped else _route(channel, phone.strip(), email.strip())[0]


def resident_choose(*, recipient: str, choice: str, phone: str = "", email: str = "") -> Preference:
    """Record the resident's choice among `resident_choices` for these addresses (a
    channel, or `STOP`); anything else is refused. Stopping keeps the channel, for the
    day notices are taken up again. The caller audits it: it knows who chose."""
    offered = dict(resident_choices(phone=phone, email=email))
    if choice not in offered:
        raise DomainError(
            _("Hãy chọn một cách nhận thông báo trong danh sách: %(choices)s.")
            % {"choices": ", ".join(offered.values())},
            field="notices",
        )
    if choice == STOP:
        return resident_preference_set(
            recipient=recipient, channel=resident_preference(recipient)[0], stopped=True
        )
    return resident_preference_set(recipient=recipient, channel=choice, stopped=False)


def resident_preference(recipient: str) -> tuple[str, bool]:
    """(channel, stopped) for one resident: their choice, else the default channel."""
    row = Preference.objects.filter(recipient=recipient).values_list("channel", "stopped").first()
    return row or (settings.COSO_NOTICE_RESIDENT_CHANNEL, False)


def resident_preference_set(*, recipient: str, channel: str, stopped: bool) -> Preference:
    """Record a resident's choice (the caller audits it: it knows who chose)."""
    if channel not in Channel.values:
        raise ValueError(channel)
    pref, _created = Preference.objects.update_or_create(
        recipient=recipient, defaults={"channel": channel, "stopped": stopped}
    )
    return pref


def _route(channel: str, phone: str, email: str) -> tuple[str, str]:
    """(channel, address): the channel chosen (or the default) when there is an address
    for it, else e-mail when there is one, else SMS to the phone; ("", "") when there is
    no address at all."""
    if channel == Channel.EMAIL:
        return (channel, email) if email else (Channel.SMS, phone) if phone else ("", "")
    if phone:
        return channel, phone
    return (Channel.EMAIL, email) if email else ("", "")


def notify_residents(items: list[tuple[str, str, str, str]], *, subject: str, body: str) -> None:
    """Queue one message to each resident in `items` — (recipient, key, phone, e-mail)
    — on the channel each chose (`_route`: another of their addresses when the chosen
    channel has none); none to a resident who stopped notices, or who gave no address.
    The preferences are read in one query and the rows written in one insert, whatever
    the number of residents; a key already queued is skipped."""
    if not items:
        return
    chosen = dict(
        (r, (c, s))
        for r, c, s in Preference.objects.filter(
            recipient__in={item[0] for item in items}
        ).values_list("recipient", "channel", "stopped")
    )
    default = (settings.COSO_NOTICE_RESIDENT_CHANNEL, False)
    rows = []
    for recipient, key, phone, email in items:
        chosen_channel, stopped = chosen.get(recipient, default)
        # A mobile number as the gateways take it, whatever spaces it was written with.
        phone = vn_mobile(phone) or phone.strip()
        channel, to = _route(chosen_channel, phone, email.strip())
        if stopped or not to:
            continue
        rows.append(
            Notice(key=key[:200], to=to[:254], subject=subject[:255], body=body, channel=channel)
        )
    Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


def notify_resident(
    *, recipient: str, key: str, subject: str, body: str, phone: str = "", email: str = ""
) -> None:
    """Queue one message to one resident (see `notify_residents`)."""
    notify_residents([(recipient, key, phone, email)], subject=subject, body=body)
