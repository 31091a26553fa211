"""What core needs of the accounts app — the roles there are, in order, with the name
docs/permissions.md gives each, and the roles a user holds with the unit paths they
cover — provided by the accounts app from its AppConfig.ready (as the units app
provides the map, coso/core/places.py), so that core never imports accounts."""

from collections.abc import Callable, Mapping
from typing import Any

# (role, the tree path of the unit it is bound to; None: nationwide)
Held = list[tuple[str, str | None]]

_PROVIDED: dict[str, Any] = {}


def provide(*, names: Mapping[str, str], held_by: Callable[[Any], Held]) -> None:
    _PROVIDED.update(names=dict(names), held_by=held_by)


def role_names() -> dict[str, str]:
    """Every role, in the order the matrix lists them, with its name in English."""
    return dict(_PROVIDED["names"])


def held_by(user: Any) -> Held:
    """The roles `user` holds, each with the path of the unit it covers (one query)."""
    return _PROVIDED["held_by"](user)  # type: ignore[no-any-return]
