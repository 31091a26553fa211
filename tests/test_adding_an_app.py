"""Adding an app is adding its folder and one line in INSTALLED_APPS: the sample app
(tests/sample_app), installed by its own settings in a process of its own, has its page,
API operation, action, indicator and demo seed step found by the project's discovery
(tests/sample_app/check_sample_app.py), and no file of the project names it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_file_of_the_project_names_the_sample_app():
    named = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "coso").rglob("*")
        if path.suffix in {".py", ".html", ".txt", ".toml"} and "sample_app" in path.read_text()
    ]
    assert not named


def test_an_app_added_by_one_line_in_installed_apps_is_found_everywhere():
    # SQLite in memory, whatever this run uses: the process makes its own test database.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "PYTEST_"))}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/sample_app/check_sample_app.py",
            "--ds=tests.sample_app.settings",
            "-p",
            "no:xdist",
            "-q",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert "5 passed" in result.stdout
