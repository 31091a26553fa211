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
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_local_secret_key_is_generated_once(tmp_path):
    from coso.config.env import local_secret_key

    first = local_secret_key(tmp_path)
    assert first == local_secret_key(tmp_path) and len(first) > 50
