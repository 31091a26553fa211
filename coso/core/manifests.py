"""What each app adds to Coso, declared once, in its own `manifest.py`.

An installed app with a `manifest.py` names there, as `MANIFEST`, everything the project
must learn about it: its pages (a URLconf, whose `app_name` is the app's label, and the
prefix they hang under), its JSON API router and prefix, the actions it adds to the
permission matrix with their data class and the roles granted them by default, the
module declaring its indicators, its steps of the demo's seed, and the records in which
residents raise something (counted by topic in coso.concerns). The root URLconf and the API
(`coso/config`), the permission matrix (`coso/core/permissions.py`), the figures (the
reports app) and the demo (`coso/portal/demo.py`) read them here, in INSTALLED_APPS
order, so adding an app is adding its folder and one line in INSTALLED_APPS.

A manifest names modules and functions by their dotted paths: it is read while views
are being imported (each view's action is checked against the matrix then), so it
imports nothing but the roles.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string, module_has_submodule

# The data classes an action touches, from least to most sensitive.
AGGREGATES = "aggregates"
RECORDS = "records"
PERSONAL = "personal data"
CODES = "voting codes"
IDENTITY = "denouncer's identity"
WRITE = "write"
APPROVE = "approve"
EXPORT = "export"


@dataclass(frozen=True)
class Action:
    """One thing a role may do, with the data class it touches and the roles granted it."""

    code: str
    data_class: str
    description: str
    roles: frozenset[str]


@dataclass(frozen=True)
class DemoPlace:
    """Where the demo's seed steps write: the demo province's communes (the first of
    them, and its first village, get the records made in one place) and the account
    that writes them."""

    communes: Sequence[Any]
    commune: Any
    village: Any
    actor: Any


@dataclass(frozen=True)
class Seed:
    """One step of the demo's seed: `step` ("module.function") is called with the
    DemoPlace. Steps run by `order`, then in app order; a step `after_figures` runs once
    the figures have been computed from every other step's records (a report freezes
    them)."""

    step: str
    order: int
    after_figures: bool = False


@dataclass(frozen=True)
class Manifest:
    """What one app adds (see the module's docstring). Each field may be left out."""

    summary: str = ""  # what the app is for, in a few words, for the README's map
    urls: str | None = None  # its URLconf module
    url_prefix: str = ""  # where its pages hang: "" (each page names its path) or "accounts/"
    api: str | None = None  # its API router, "module.router"
    api_prefix: str = ""  # where its operations hang under /api: "/units"
    actions: tuple[Action, ...] = ()
    indicators: str | None = None  # the module registering its indicators
    seeds: tuple[Seed, ...] = ()
    # Records in which residents raise something, as "app_label.Model.field" naming the
    # field that holds what they said (coso.concerns reads it for those allowed to).
    raises: tuple[str, ...] = ()


@cache
def declared() -> tuple[tuple[AppConfig, Manifest], ...]:
    """Every installed app's manifest, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "manifest"):
            manifest = import_module(f"{config.name}.manifest").MANIFEST
            if not isinstance(manifest, Manifest):
                raise ImproperlyConfigured(f"{config.name}.manifest.MANIFEST is no Manifest")
            found.append((config, manifest))
    return tuple(found)


def manifests() -> list[Manifest]:
    return [manifest for _config, manifest in declared()]


def actions() -> dict[str, Action]:
    """Every app's actions, in app order; an action declared twice is an error."""
    found: dict[str, Action] = {}
    for config, manifest in declared():
        for action in manifest.actions:
            if action.code in found:
                raise ImproperlyConfigured(f"{config.name}: {action.code} is declared twice")
            found[action.code] = action
    return found


def import_indicators() -> None:
    """Import every app's indicators module, which registers its source."""
    for manifest in manifests():
        if manifest.indicators:
            import_module(manifest.indicators)


def raised_texts() -> dict[str, str]:
    """The field holding what residents said, by model label ("petitions.petition")."""
    found = {}
    for manifest in manifests():
        for where in manifest.raises:
            model, name = where.rsplit(".", 1)
            found[model.lower()] = name
    return found


def seed_steps(*, after_figures: bool) -> list[Callable[[DemoPlace], Any]]:
    """The demo's seed steps of one phase, in the order they run."""
    steps = [
        (seed.order, index, seed.step)
        for index, manifest in enumerate(manifests())
        for seed in manifest.seeds
        if seed.after_figures == after_figures
    ]
    return [import_string(step) for _order, _index, step in sorted(steps)]
