"""Each app declares itself once, in its manifest.py (coso/core/manifests.py), and what it
declares is what it has: the README's map is generated from the declarations, every
route is claimed by one app, every indicators module and every field holding a topic is
declared, every action names known roles."""

from pathlib import Path

from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.module_loading import module_has_submodule

from coso.core import layout
from coso.core.manifests import declared, manifests, seed_steps
from coso.core.permissions import matrix
from coso.core.roles import role_names

README = Path(__file__).resolve().parents[1] / "README.md"


def coso_apps():
    return [config for config in apps.get_app_configs() if config.name.startswith("coso.")]


def test_every_coso_app_declares_itself():
    with_manifest = {config.label for config, manifest in declared() if manifest.summary}
    assert {config.label for config in coso_apps()} <= with_manifest


def test_the_readme_map_is_the_code():
    assert layout.readme_section(README.read_text()) == layout.markdown(), (
        "README.md's Layout differs from the apps: run `.venv/bin/coso layout --write "
        "README.md` and review the change"
    )


def test_the_map_names_every_app_and_the_files_it_has():
    text = layout.markdown()
    for config in coso_apps():
        entry = next(line for line in text.splitlines() if f"**`{config.label}`**" in line)
        has_models = (Path(config.path) / "models.py").is_file()
        assert ("`models`" in entry) == has_models, config.label


def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver) and p.namespace not in ("api", "admin"):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def test_no_two_pages_claim_one_route():
    """So the order the apps' URLconfs are included in changes nothing (the API and the
    admin route by themselves)."""
    routes = list(_routes(get_resolver().url_patterns))
    twice = sorted({r for r in routes if routes.count(r) > 1})
    assert not twice


def test_each_app_hangs_its_pages_under_its_own_namespace():
    for config, manifest in declared():
        if manifest.urls:
            module = __import__(manifest.urls, fromlist=["app_name"])
            assert module.app_name == config.label, manifest.urls


def test_every_action_names_known_roles_and_its_app():
    roles = set(role_names())
    for action in matrix().values():
        assert action.roles <= roles, action.code
        assert action.roles, action.code
        assert action.code.count(".") == 1, action.code


def test_every_indicators_module_is_declared():
    named = {m.indicators for m in manifests() if m.indicators}
    present = {
        f"{config.name}.indicators"
        for config in coso_apps()
        if config.label != "core" and module_has_submodule(config.module, "indicators")
    }
    assert named == present


def test_every_record_residents_raise_names_its_text():
    declared = [where for m in manifests() for where in m.raises]
    assert declared
    for label in declared:
        app_model, field = label.rsplit(".", 1)
        assert isinstance(apps.get_model(app_model)._meta.get_field(field), models.TextField)


def test_the_demo_seeds_by_declared_order():
    """Each step has an order of its own, so the demo never depends on the order of
    INSTALLED_APPS; the reports' step needs the figures."""
    seeds = [seed for m in manifests() for seed in m.seeds]
    for after_figures in (False, True):
        orders = [s.order for s in seeds if s.after_figures == after_figures]
        assert len(orders) == len(set(orders))
        ordered = sorted(
            (s for s in seeds if s.after_figures == after_figures), key=lambda s: s.order
        )
        steps = seed_steps(after_figures=after_figures)
        assert [f"{f.__module__}.{f.__name__}" for f in steps] == [s.step for s in ordered]
    assert [f.__module__ for f in seed_steps(after_figures=True)] == [
        "coso.reports.seed",
        "coso.emulation.seed",  # a run's automatic criteria read the figures
        "coso.alerts.seed",  # the warnings' scan reads the figures
    ]
