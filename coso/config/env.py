"""Settings helpers that read the environment and fail loudly on bad values."""

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = os.environ.get(name)
    if not value:
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default or ""
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false).")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def var_dir() -> Path:
    """Where local state lives: COSO_VAR_DIR, else var/ in the checkout, else var/ here."""
    explicit = os.environ.get("COSO_VAR_DIR")
    if explicit:
        path = Path(explicit)
    else:
        checkout = Path(__file__).resolve().parents[2]
        base = checkout if (checkout / "pyproject.toml").exists() else Path.cwd()
        path = base / "var"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _local_key(directory: Path, name: str, make: Callable[[], str]) -> str:
    """A key made once into var/<name> (readable by its owner only) and read back after,
    so that local sessions, encrypted fields and the audit log survive restarts."""
    key_file = directory / name
    if not key_file.exists():
        key_file.write_text(make())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def local_secret_key(directory: Path) -> str:
    return _local_key(directory, "secret_key", lambda: secrets.token_urlsafe(64))


def local_audit_key(directory: Path) -> str:
    """The key signing the audit log (HMAC) for local use."""
    return _local_key(directory, "audit_key", lambda: secrets.token_urlsafe(48))


def local_field_key(directory: Path) -> str:
    """A Fernet key for encrypted fields, for local use."""
    from cryptography.fernet import Fernet

    return _local_key(directory, "field_key", lambda: Fernet.generate_key().decode())
