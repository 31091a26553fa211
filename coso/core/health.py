"""`/healthz`: is this web server able to work? For a load balancer and for monitoring.

JSON, without authentication, rate limit or personal data: 200 when every check passes,
503 otherwise. Each check is a function returning what it measured (or raising); a new
app adds its own with `check_add` from its AppConfig.ready (the outbox, the figures).
"""

import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from coso.core.permissions import PUBLIC, requires

logger = logging.getLogger(__name__)


def database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def shared_cache() -> dict[str, Any]:
    """Write and read back a value: Redis in production (REDIS_URL), where rate limits count."""
    value = get_random_string(12)
    cache.set("coso:healthz", value, timeout=60)
    if cache.get("coso:healthz") != value:
        raise RuntimeError("the cache did not keep a value")
    return {}


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": database,
    "cache": shared_cache,
}


def check_add(name: str, check: Callable[[], dict[str, Any]]) -> None:
    """An app's own health check: a function returning what it measured, or raising."""
    CHECKS[name] = check


@requires(PUBLIC)
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = {"ok": True, **check()}
        except Exception as error:  # any failure is this check's answer, not a 500
            logger.warning("health check %s failed: %r", name, error)
            # The error's kind only: its message may name hosts or users.
            results[name] = {"ok": False, "error": type(error).__name__}
    ok = all(result["ok"] for result in results.values())
    return JsonResponse({"ok": ok, "checks": results}, status=200 if ok else 503)
