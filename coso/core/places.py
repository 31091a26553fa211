"""What the shared core needs of the map — each unit's province (the audit log's chain,
the page cache's version) and units' names — provided by the units app from its
AppConfig.ready, so that core never imports a domain app."""

from collections.abc import Callable, Iterable
from typing import Any

_PROVIDED: dict[str, Callable[..., Any]] = {}


def provide(
    *,
    provinces_of: Callable[..., dict[int, int]],
    unit_names: Callable[..., dict[int, str]],
) -> None:
    _PROVIDED.update(provinces_of=provinces_of, unit_names=unit_names)


def provinces_of(*, unit_ids: Iterable[int]) -> dict[int, int]:
    """The province of each unit, in one query; a unit that does not exist is left out."""
    return _PROVIDED["provinces_of"](unit_ids=unit_ids)  # type: ignore[no-any-return]


def unit_names(*, unit_ids: Iterable[int]) -> dict[int, str]:
    return _PROVIDED["unit_names"](unit_ids=unit_ids)  # type: ignore[no-any-return]
