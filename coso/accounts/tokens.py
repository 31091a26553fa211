"""Personal API tokens: created, listed and revoked by their owner, stored hashed, bound
to the owner's roles, and written to the audit log when created, revoked and used."""

import hashlib
import hmac
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.accounts.models import ApiToken
from coso.core import audit
from coso.core.errors import DomainError

SCHEME = "coso"
PREFIX_BYTES = 6
SECRET_BYTES = 32
# One official, a handful of integrations: more than this is a leak waiting to happen.
MAX_ACTIVE = 10


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, actor: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for `actor`; returns it with the whole secret, which is never stored
    and cannot be shown again."""
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Hãy đặt tên cho khóa (ví dụ: phần mềm một cửa)."), field="name")
    if len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
        raise DomainError(_("Tên khóa quá dài."), field="name")
    active = ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE:
        raise DomainError(
            _("Mỗi tài khoản có tối đa %(n)s khóa đang dùng; hãy thu hồi khóa cũ.")
            % {"n": MAX_ACTIVE},
            field="name",
        )
    prefix = secrets.token_hex(PREFIX_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name, prefix=prefix, key_hash=_digest(secret)
        )
        audit.log_create(actor=actor, obj=token, unit_id=None)
    return token, f"{SCHEME}_{prefix}_{secret}"


def token_revoke(*, actor: Any, token: ApiToken) -> None:
    """Stop a token working at once; it stays listed, marked revoked."""
    if token.user_id != actor.pk:
        raise DomainError(_("Không tìm thấy khóa này."))
    with transaction.atomic():
        before = audit.snapshot(token)
        if ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        ):
            token.refresh_from_db()
            audit.log_update(actor=actor, obj=token, before=before, unit_id=None)


def token_user(raw: str, *, method: str, path: str) -> Any | None:
    """The active user behind a presented token, or None; each use is audited."""
    scheme, _sep, rest = raw.partition("_")
    prefix, _sep, secret = rest.partition("_")
    if scheme != SCHEME or not prefix or not secret:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, _digest(secret)):
        return None
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    audit.log_event(
        actor=token.user,
        model="accounts.apitoken",
        object_pk=str(token.pk),
        unit_id=None,
        changes={"used": {"method": method, "path": path[:200]}},
    )
    return token.user
