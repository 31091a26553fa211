"""Personal API tokens: created, listed and revoked by their owner, stored hashed, bound
to the owner's roles, and written to the audit log when created, revoked and used."""

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.accounts import twofactor
from coso.accounts.models import ApiToken
from coso.core import audit, keys
from coso.core.errors import DomainError

SCHEME = "coso"
# One official, a handful of integrations: more than this is a leak waiting to happen.
MAX_ACTIVE = 10
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


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
    issued = keys.key_issue(scheme=SCHEME)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name, prefix=issued.prefix, key_hash=issued.digest
        )
        audit.log_create(actor=actor, obj=token, unit_id=None)
    return token, issued.key


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


def tokens_of(*, user: Any) -> Any:
    """The user's tokens, newest first, revoked ones included (marked)."""
    return ApiToken.objects.filter(user=user)


def tokens_revoke_all(*, actor: Any) -> int:
    """Revoke every token of `actor` (their password changed: whoever held the old
    password may have made one)."""
    revoked = 0
    for token in ApiToken.objects.filter(user=actor, revoked_at__isnull=True):
        token_revoke(actor=actor, token=token)
        revoked += 1
    return revoked


def _audit_use(token: ApiToken, method: str, path: str) -> None:
    """Every write made with a token is audited; reads at most once a minute per token,
    so an integration polling the API does not queue every request behind the log."""
    if method not in SAFE_METHODS or cache.add(f"coso:token-read:{token.pk}", 1, 60):
        audit.log_event(
            actor=token.user,
            model="accounts.apitoken",
            object_pk=str(token.pk),
            unit_id=None,
            changes={"used": {"method": method, "path": path[:200]}},
        )


def token_user(raw: str, *, method: str, path: str) -> Any | None:
    """The active user behind a presented token, or None. A token of an official who
    must sign in with a second factor works only once they have set one up: a token
    made before their role required it cannot stand in for it."""
    parts = keys.key_split(raw, scheme=SCHEME)
    if parts is None:
        return None
    prefix, secret = parts
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not keys.key_matches(token.key_hash, secret):
        return None
    if twofactor.required(token.user) and twofactor.confirmed_device(token.user) is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    _audit_use(token, method, path)
    return token.user
