"""Open311 client applications: an administrator issues each its `api_key` (shown once,
stored hashed) and revokes it; a post with a valid key is counted against the client's
own rate, and written to the audit log."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit, keys
from coso.core.errors import DomainError
from coso.petitions.models import Open311Client

SCHEME = "open311"


def open311_client_issue(*, actor: Any, name: str, contact: str = "") -> tuple[Open311Client, str]:
    """Register a client application; returns it with its whole api_key, which is
    never stored and cannot be shown again."""
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Hãy đặt tên cho ứng dụng."), field="name")
    issued = keys.key_issue(scheme=SCHEME)
    with transaction.atomic():
        client = Open311Client.objects.create(
            name=name, contact=contact.strip(), prefix=issued.prefix, key_hash=issued.digest
        )
        audit.log_create(actor=actor, obj=client, unit_id=None)
    return client, issued.key


def open311_client_revoke(*, actor: Any, client: Open311Client) -> bool:
    """Stop a client's key working at once; it stays listed, marked revoked. False when
    it was already revoked."""
    with transaction.atomic():
        before = audit.snapshot(client)
        if not Open311Client.objects.filter(pk=client.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        ):
            return False
        client.refresh_from_db()
        audit.log_update(actor=actor, obj=client, before=before, unit_id=None)
    return True


def open311_client_for_key(raw: str) -> Open311Client | None:
    """The active client whose api_key this is, or None."""
    parts = keys.key_split(raw, scheme=SCHEME)
    if parts is None:
        return None
    prefix, secret = parts
    client = Open311Client.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
    if client is None or not keys.key_matches(client.key_hash, secret):
        return None
    Open311Client.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
    return client


def open311_client_posted(*, client: Open311Client, tracking_code: str) -> None:
    """The audit row of a request a client posted with its key."""
    audit.log_event(
        actor=None,
        model="petitions.open311client",
        object_pk=str(client.pk),
        unit_id=None,
        changes={"posted": tracking_code},
    )
