"""Calls that go up the layers while every import points down (tests/test_layers.py).

Now and then a lower app needs an answer only a higher one holds: a unit's page lists
its households, which the people app keeps (people sits above units); a petition's
form starts from the household signed in, which the residents app knows (residents sits
above petitions: the household's page lists its petitions). The lower side asks by
name —

    hooks.ask("households.signed_in")(request.session)

— and the app that knows answers in its own `hooks.py`:

    hooks.provide("households.signed_in", services.current)

Every installed app's `hooks.py` is imported once, when the first question is asked (as
Django's admin finds each app's `admin.py`). A question no app answers, or two apps
answer, is a configuration error.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

_ANSWERS: dict[str, Callable[..., Any]] = {}
_discovered = False


def provide(name: str, answer: Callable[..., Any]) -> None:
    """Answer the question `name` (from an app's `hooks.py`)."""
    if _ANSWERS.setdefault(name, answer) is not answer:
        raise ImproperlyConfigured(f"two apps answer the hook {name!r}")


def ask(name: str) -> Callable[..., Any]:
    """The function that answers `name`, found in the installed apps' `hooks.py`."""
    global _discovered
    if not _discovered:
        autodiscover_modules("hooks")
        _discovered = True
    try:
        return _ANSWERS[name]
    except KeyError:
        raise ImproperlyConfigured(f"no installed app answers the hook {name!r}") from None
