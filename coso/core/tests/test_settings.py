import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from coso.config.env import env_bool


def _coso(args, **env):
    full = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "coso", *args], env=full, capture_output=True, text=True, timeout=120
    )


def test_env_bool_rejects_garbage(monkeypatch):
    monkeypatch.setenv("X_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG", default=False)


def test_production_requires_secret_key(tmp_path):
    result = _coso(["check"], COSO_ENV="production", COSO_VAR_DIR=str(tmp_path), SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_in_production(tmp_path):
    result = _coso(
        ["check", "--deploy", "--fail-level", "WARNING"],
        COSO_ENV="production",
        COSO_VAR_DIR=str(tmp_path),
        SECRET_KEY="k" * 30 + "ZyXwVuTsRqPoNmLkJiHgFeDcBa0123456789",
        ALLOWED_HOSTS="coso.example.vn",
        DEBUG="0",
        COSO_FIELD_KEYS="bXv1vN2t0m0aQyqS3yJbJm3v1x8w7e6r5t4y3u2i1o0=",
        COSO_AUDIT_KEYS="an-audit-key-kept-outside-the-database",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_local_secret_key_is_generated_once(tmp_path):
    from coso.config.env import local_secret_key

    first = local_secret_key(tmp_path)
    assert first == local_secret_key(tmp_path) and len(first) > 50


PRODUCTION_ENV = {
    "COSO_ENV": "production",
    "SECRET_KEY": "k" * 30 + "ZyXwVuTsRqPoNmLkJiHgFeDcBa0123456789",
    "ALLOWED_HOSTS": "127.0.0.1",
    "COSO_FIELD_KEYS": "bXv1vN2t0m0aQyqS3yJbJm3v1x8w7e6r5t4y3u2i1o0=",
    "COSO_AUDIT_KEYS": "an-audit-key-kept-outside-the-database",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_production_refuses_an_sms_backend_that_prints_codes(tmp_path):
    env = {**PRODUCTION_ENV, "COSO_VAR_DIR": str(tmp_path)}
    refused = _coso(["check"], **env, COSO_SMS_BACKEND="coso.notices.sms.ConsoleBackend")
    assert refused.returncode != 0 and "COSO_SMS_BACKEND" in refused.stderr
    assert _coso(["check"], **env, COSO_SMS_BACKEND="").returncode == 0  # none: no SMS


def test_production_starts_as_the_readme_says(tmp_path):
    """A clean directory, the README's variables, `coso migrate` then `coso serve`: the
    home page answers 200 with its stylesheet (static files collected by serve)."""
    import socket
    import time
    import urllib.error
    import urllib.request

    env = {**PRODUCTION_ENV, "COSO_VAR_DIR": str(tmp_path)}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'coso.sqlite3'}"
    migrated = _coso(["migrate", "--no-input"], **env)
    assert migrated.returncode == 0, migrated.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    full = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    full.update(env, PORT=str(port), WEB_CONCURRENCY="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "coso", "serve"],
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def get(path: str) -> tuple[int, str]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"}
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    try:
        for _ in range(120):
            try:
                status, page = get("/")
                break
            except OSError:
                time.sleep(0.5)
        else:
            server.kill()
            pytest.fail(server.communicate()[0])
        assert status == 200 and "Coso" in page, (status, page[:500])
        stylesheet = page.split('rel="stylesheet" href="')[1].split('"')[0]
        assert stylesheet.startswith("/static/coso/coso.") and get(stylesheet)[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
