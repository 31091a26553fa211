"""The layers of Coso, stated once and checked on every import under `coso/` (migrations
and tests left out: a test may import anything).

    config        settings, root URLs, the API, the command line: wires every app
    portal        the public and officials' front pages, the demo
    domain apps   people, disclosures, decisions, consultations, oversight, petitions,
                  dialogues, followups, exemplars, support, residents, notices, reports
                  — importing one another in an order without a cycle
    units, rules  the map; the rulebook (neither imports the other)
    accounts      officials and their roles (imports core only: what every app shares)
    core          what every app shares (base model, audit, scoping, errors…)

1. An app imports only apps of the layers below its own; a domain app may also import
   another domain app. The apps' import graph has no cycle, nor has the graph of the
   modules inside one app. (Reports reads the domain apps' records only through core's
   indicator registry, so it sits among them, below oversight, whose board report reads
   its figures.) A lower app that needs an answer only a higher one holds asks through
   `coso.core.hooks`.
2. From the domain apps up, an app uses another through its public interface only: the
   package (the names its `__init__` exports), its `selectors` (reads, and the model
   types and choices others may name) and its `services` (writes) — never its `models`,
   `catalogue`, `periods`, `pages`… A ForeignKey's "app.Model" string is not an import.
   All of `core` is shared; `config` wires the apps and may import any module of them;
   demo data (an app's `seed`, the portal's `demo`) builds records as the tests'
   factories do and may use any app's models — never up the layers.

The check reads the source (`ast`): an import inside a function counts as one at the
top of a module does.
"""

import ast
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "coso"

BELOW: tuple[tuple[str, ...], ...] = (("core",), ("accounts",), ("units", "rules"))
ABOVE: tuple[tuple[str, ...], ...] = (("portal",), ("config",))
# Every other app under coso/ is a domain app: a new one starts there, with no line to
# add here (adding an app touches INSTALLED_APPS alone).
DOMAIN = tuple(
    sorted(
        p.parent.name
        for p in ROOT.glob("*/__init__.py")
        if not any(p.parent.name in layer for layer in BELOW + ABOVE)
    )
)
LAYERS: tuple[tuple[str, ...], ...] = (*BELOW, DOMAIN, *ABOVE)
LAYER = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
PUBLIC = {"", "selectors", "services"}
DEMO = {"seed", "demo"}

# Imports let through although they break the layers: none.
ALLOWED: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    where: str  # path:line
    source: str  # the importing module
    target: str  # the module imported (a submodule when `from package import module`)

    @property
    def source_app(self) -> str:
        return app_of(self.source)

    @property
    def target_app(self) -> str:
        return app_of(self.target)


def app_of(module: str) -> str:
    """`coso.<app>.…` → the app; coso's own top modules (the command line) wire like
    config."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("cli", "__main__"):
        return "config"
    return parts[1]


def _module(root: Path, path: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(root: Path, name: str) -> bool:
    path = root.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(root: Path = ROOT) -> Iterator[Import]:
    """Every import of a coso module by a coso module, anywhere in the file."""
    for path in sorted(root.rglob("*.py")):
        if {"migrations", "tests"} & set(path.relative_to(root).parts):
            continue
        source = _module(root, path)
        package = source if path.name == "__init__.py" else source.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if _is_module(root, sub) else base)
            for target in targets:
                if target == "coso" or target.startswith("coso."):
                    yield Import(f"{path.relative_to(root.parent)}:{node.lineno}", source, target)


def _layer_problem(i: Import) -> str | None:
    src, dst = i.source_app, i.target_app
    for app in (src, dst):
        if app not in LAYER:
            return f"`{app}` is in no layer: a module beside the apps"
    if LAYER[dst] < LAYER[src] or (src == dst) or (LAYER[src] == LAYER[dst] == len(BELOW)):
        return None
    return f"{src} (layer {LAYER[src]}) imports {dst} (layer {LAYER[dst]}): an arrow going up"


def _interface_problem(i: Import) -> str | None:
    src, dst = i.source_app, i.target_app
    if src == dst or dst == "core" or src == "config" or LAYER.get(src, 0) < len(BELOW):
        return None
    if i.source.rpartition(".")[2] in DEMO:
        return None
    inner = i.target.split(".", 2)[2] if i.target.count(".") >= 2 else ""
    if inner in PUBLIC:
        return None
    return f"{src} reaches into {i.target}: use coso.{dst}'s selectors, services or __init__"


def _reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The groups of nodes that reach one another (each cycle's members), sorted."""
    reach = {node: _reachable(edges, node) for node in edges}
    found: list[list[str]] = []
    for node in sorted(reach):
        group = sorted({node} | {other for other in reach[node] if node in reach.get(other, ())})
        if len(group) > 1 and group not in found:
            found.append(group)
    return found


def problems(root: Path = ROOT) -> list[str]:
    """Every import that breaks the layers, then every cycle, as lines to read."""
    out: dict[str, None] = {}  # in order, once each
    apps: dict[str, set[str]] = defaultdict(set)
    modules: dict[str, set[str]] = defaultdict(set)
    for i in imports(root):
        if (i.source, i.target) in ALLOWED:
            continue
        for problem in (_layer_problem(i), _interface_problem(i)):
            if problem:
                out[f"{i.where}: {problem}"] = None
        if i.source_app != i.target_app:
            apps[i.source_app].add(i.target_app)
        elif i.source != i.target:
            modules[i.source].add(i.target)
    cycles = [f"apps import each other: {' ↔ '.join(c)}" for c in _cycles(apps)]
    cycles += [f"modules import each other: {' ↔ '.join(c)}" for c in _cycles(modules)]
    return list(out) + cycles


def test_the_imports_hold_the_layers():
    found = problems()
    assert not found, "\n" + "\n".join(found)


def _broken_copy(tmp_path: Path, module: str, line: str) -> Path:
    """The coso sources copied, with `line` added to `module` (a path under coso/)."""
    copy = tmp_path / "coso"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns("static", "locale", "templates", "__pycache__")
    )
    target = copy / module
    target.write_text(target.read_text() + f"\n{line}\n")
    return copy


def test_the_check_fails_when_core_imports_a_domain_app(tmp_path):
    copy = _broken_copy(tmp_path, "core/text.py", "from coso.petitions import selectors")
    found = problems(copy)
    assert any(
        p.startswith("coso/core/text.py:") and "core (layer 0) imports petitions" in p
        for p in found
    ), found
    assert any(p.startswith("apps import each other: ") and "core" in p for p in found), found


def test_the_check_fails_when_an_app_imports_anothers_models(tmp_path):
    copy = _broken_copy(
        tmp_path, "dialogues/selectors.py", "from coso.followups.models import FollowUp"
    )
    found = problems(copy)
    assert len(found) == 1, found
    assert "coso/dialogues/selectors.py" in found[0], found
    assert "dialogues reaches into coso.followups.models" in found[0], found
