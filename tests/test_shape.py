"""One shape (issue 19): no function in the application code runs past 50 lines, from
its `def` to its last line, docstring included (decorators not counted). A longer one is
split into named parts; the aim is ~40.

Walked: every `.py` file under `coso/`. Skipped, because length there is the content
rather than logic:
- any file inside a `tests/` or `migrations/` folder (tests, factories, migrations);
- seed modules: files named `seed.py` (each app's demo seed, and the `seed` management
  command) and the demo itself, `coso/portal/demo.py` and its `demo` command
  `coso/portal/management/commands/demo.py`.
"""

import ast
from pathlib import Path

LIMIT = 50
COSO = Path(__file__).resolve().parent.parent / "coso"
SKIPPED_FOLDERS = {"tests", "migrations"}
SEED_MODULES = {
    COSO / "portal" / "demo.py",
    COSO / "portal" / "management" / "commands" / "demo.py",
}


def _checked_files() -> list[Path]:
    return [
        path
        for path in sorted(COSO.rglob("*.py"))
        if not SKIPPED_FOLDERS.intersection(path.relative_to(COSO).parts)
        and path.name != "seed.py"
        and path not in SEED_MODULES
    ]


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > LIMIT:
                where = path.relative_to(COSO.parent)
                found.append(f"{where}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_the_walk_sees_the_application():
    # A walk that found nothing would pass for the wrong reason.
    files = _checked_files()
    assert COSO / "decisions" / "services" / "paper.py" in files
    assert COSO / "core" / "transitions.py" in files
    assert not any("tests" in path.parts or path.name == "seed.py" for path in files)


def test_no_function_exceeds_50_lines():
    long = [line for path in _checked_files() for line in _long_functions(path)]
    assert not long, f"{len(long)} functions exceed {LIMIT} lines:\n" + "\n".join(long)
