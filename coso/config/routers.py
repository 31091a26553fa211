"""Reads that may be a moment stale go to a PostgreSQL streaming replica.

With `DATABASE_REPLICA_URL` set, the settings add a second alias, `replica`. While one
of the views in `STALE_READ_VIEWS` runs for a GET (dashboards, public pages: figures and
published records, for which a fraction of a second of replication lag does no harm),
the router sends its reads there. Everything else goes to the primary (`default`):
every write, every read inside a transaction, every other view, the session and the
signed-in user (loaded by the middleware before the view runs), and, for a few seconds
after a browser sent a change, that browser's reads too, so a page it is redirected to
shows what it just wrote. Without a replica the router answers nothing and Django uses
`default` throughout (tests, SQLite, a single server).
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# Read by the router: set while a listed view runs (ReplicaMiddleware).
stale_ok: ContextVar[bool] = ContextVar("coso_stale_ok", default=False)

# Views (URL names) whose reads the replica serves.
STALE_READ_VIEWS = frozenset(
    {
        "portal:home",
        "portal:unit",
        "disclosures:public_list",
        "disclosures:feed",
        "disclosures:public_detail",
        "decisions:public_result",
        "reports:dashboard",
        "reports:unit_dashboard",
        "reports:breakdown",
        "reports:unit_breakdown",
        "reports:dashboard_xlsx",
        "reports:unit_dashboard_xlsx",
        "reports:completeness",
        "reports:national_completeness",
    }
)
# A browser that has just sent a change reads from the primary for this long (longer
# than any replication lag worth serving pages through), so a redirect to a listed page
# never shows the state from before the change.
PIN_COOKIE = "coso_primary"
PIN_SECONDS = 5
SAFE_METHODS = frozenset({"GET", "HEAD"})


def has_replica() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    """Reads of a listed view outside a transaction: the replica; all else: the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not has_replica():
            return None
        if stale_ok.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS if has_replica() else None

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the primary's rows: a record read there may be linked to one
        # read here.
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {DEFAULT_DB_ALIAS, REPLICA} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None


class ReplicaMiddleware:
    """Marks the listed views' GETs for the replica while they run, and pins a browser
    that has just sent a change to the primary (a cookie for PIN_SECONDS)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        finally:
            token = getattr(request, "_coso_stale_token", None)
            if token is not None:
                stale_ok.reset(token)
        if request.method not in SAFE_METHODS and has_replica():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request: HttpRequest, *args: Any) -> None:
        match = request.resolver_match
        if (
            request.method in SAFE_METHODS
            and match is not None
            and match.view_name in STALE_READ_VIEWS
            and PIN_COOKIE not in request.COOKIES
        ):
            request._coso_stale_token = stale_ok.set(True)  # type: ignore[attr-defined]
