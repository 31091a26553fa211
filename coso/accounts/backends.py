"""A signed-in request's user, roles and second-factor device from the shared cache,
not three queries.

With a shared cache (Redis, COSO_AUTH_CACHE_SECONDS > 0), the user a session names is
kept with the roles scoping reads (`coso.core.scoping.assignments`), and a verified
session's device without its secret key (read from the database only to check a code).
An entry is served while its generations are current: the user's own, new whenever
the user, one of their roles or devices is saved or deleted (a password, `is_active`,
a role given or taken); and everyone's, new whenever a unit is saved or deleted (a
moved unit moves the roles in its subtree). A generation is renewed as the change is
written and again once it commits, and an entry carries the generations read before
its rows were: a request reading the old rows while a change commits stores an entry
that is already stale. Writes that send no signal (`QuerySet.update`, `bulk_create`)
are not used on these models; the entry's lifetime bounds what one could leave stale.
Each process's own memory is never used: one process would keep roles another took.
"""

import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction
from django_otp.models import Device

from coso.core.scoping import assignments

EVERYONE = "coso:auth:gen"


def _generation_of(user_id: Any) -> str:
    return f"coso:auth:gen:{user_id}"


def remembered(user_id: Any, key: str, load: Callable[[], Any]) -> Any:
    """`load()`, or what it returned before if nothing of `user_id` changed since."""
    seconds = settings.COSO_AUTH_CACHE_SECONDS
    if not seconds:
        return load()
    names = [EVERYONE, _generation_of(user_id)]
    found = cache.get_many([key, *names])
    current = tuple(found.get(name) for name in names)
    entry = found.get(key)
    if entry is not None and None not in current and entry[0] == current:
        return entry[1]
    if None in current:
        missing = [name for name in names if name not in found]
        found |= _renew(missing)
        current = tuple(found[name] for name in names)
    value = load()
    if value is not None:
        cache.set(key, (current, value), seconds)
    return value


def _renew(names: list[str]) -> dict[str, str]:
    fresh = dict.fromkeys(names, secrets.token_hex(8))
    cache.set_many(fresh, timeout=None)
    return fresh


def _renew_now_and_on_commit(name: str) -> None:
    _renew([name])
    transaction.on_commit(lambda: _renew([name]))


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend, whose `get_user` (run by every signed-in request) reads
    the user and their roles from the cache."""

    def get_user(self, user_id: Any) -> Any:
        if not settings.COSO_AUTH_CACHE_SECONDS:
            return super().get_user(user_id)  # roles read when asked, by the view

        def load() -> Any:
            user = super(CachedModelBackend, self).get_user(user_id)
            if user is not None:
                assignments(user)  # kept on the user, and with it in the entry
            return user

        return remembered(user_id, f"coso:auth:user:{user_id}", load)


def device(user_id: Any, persistent_id: str) -> Any:
    """The second-factor device a verified session names, without its secret key."""

    def load() -> Any:
        found = Device._filter_persistent_id(persistent_id)  # noqa: SLF001 - django-otp's parser
        if found is None:
            return None
        secret = [field.name for field in found.model._meta.fields if field.name == "key"]
        return found.defer(*secret).first()

    try:
        return remembered(user_id, f"coso:auth:device:{persistent_id}", load)
    except (ValueError, LookupError):  # a malformed id, as django-otp treats it
        return None


def forget_user(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A user changed or went."""
    _renew_now_and_on_commit(_generation_of(instance.pk))


def forget_holder(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A role or a device of a user given, changed or taken."""
    _renew_now_and_on_commit(_generation_of(instance.user_id))


def forget_everyone(sender: Any, **kwargs: Any) -> None:
    """A unit saved or deleted."""
    _renew_now_and_on_commit(EVERYONE)
