"""Settings helpers that read the environment and fail loudly on bad values."""

import os
import secrets
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


def local_secret_key(directory: Path) -> str:
    """A key generated once into var/ so that local sessions survive restarts."""
    key_file = directory / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def local_audit_key(directory: Path) -> str:
    """A key for signing the audit log, generated once into var/ for local use."""
    key_file = directory / "audit_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def local_field_key(directory: Path) -> str:
    """A Fernet key for encrypted fields, generated once into var/ for local use."""
    from cryptography.fernet import Fernet

    key_file = directory / "field_key"
    if not key_file.exists():
        key_file.write_text(Fernet.generate_key().decode())
        key_file.chmod(0o600)
    return key_file.read_text().strip()
