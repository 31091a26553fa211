"""Writes of the calendars app: the SEQUENCE table, and private feeds' secret addresses."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from coso.calendars.feeds import Event
from coso.calendars.models import Entry, FeedKey
from coso.calendars.tokens import digest, new_secret
from coso.core import audit


def entries_sync(*, events: Sequence[Event]) -> dict[str, Entry]:
    """Each event's entry, its SEQUENCE raised if its time, place or status differs
    from what the feed last said: three queries at most, whatever the events' number.

    Done when a feed is built rather than in each app's services: whichever service
    moved a meeting (or an administrator's edit), the feed compares what it publishes
    now with what it published, so no change escapes it. Two builds at once compute
    the same new sequence, so neither loses the other's raise."""
    now = timezone.now()
    known = {e.uid: e for e in Entry.objects.filter(uid__in=[e.uid for e in events])}
    new: list[Entry] = []
    moved: list[Entry] = []
    for event in events:
        entry = known.get(event.uid)
        if entry is None:
            known[event.uid] = entry = Entry(uid=event.uid, digest=event.digest, changed_at=now)
            new.append(entry)
        elif entry.digest != event.digest:
            entry.digest, entry.sequence, entry.changed_at = event.digest, entry.sequence + 1, now
            moved.append(entry)
    if new:
        Entry.objects.bulk_create(new, ignore_conflicts=True)
    if moved:
        Entry.objects.bulk_update(moved, ["digest", "sequence", "changed_at"])
    return known


def _revoke_active(actor: Any) -> None:
    for key in FeedKey.objects.select_for_update().filter(user=actor, revoked_at__isnull=True):
        before = audit.snapshot(key)
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit.log_update(actor=actor, obj=key, before=before, unit_id=None)


def feed_key_create(*, actor: Any) -> str:
    """A new secret address for `actor`'s private feed, replacing any earlier one
    (which stops working); returns the secret, which is never stored nor shown again."""
    secret = new_secret()
    with transaction.atomic():
        _revoke_active(actor)
        key = FeedKey.objects.create(user=actor, key_hash=digest(secret))
        audit.log_create(actor=actor, obj=key, unit_id=None)
    return secret


def feed_key_revoke(*, actor: Any) -> None:
    """Stop `actor`'s private feed at once: its address answers 404 from now on."""
    with transaction.atomic():
        _revoke_active(actor)
