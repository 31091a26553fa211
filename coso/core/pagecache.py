"""Whole pages kept in Django's cache (Redis in production, REDIS_URL), so a page that
did not change costs a cache read instead of its queries and its rendering.

- What a page varies on is in its key: the address with its query, the language, an
  htmx partial or not, and who asks — every visitor without a session shares one entry;
  a signed-in user has entries of their own, never shared (a page may carry personal
  data); any other session (a household signed in, a message waiting) is not cached.
- A page names what it shows with `depends_on(request, unit)`: a unit's province, or
  the nation. Every audited write bumps the version of its province (and of "any
  write") as it is written and again once its transaction commits (coso.core.audit);
  a write with no unit (an account, a role) bumps every page. An entry is served only while the versions it was
  rendered under are still current, and for COSO_PAGE_CACHE_SECONDS at most (figures
  refreshed by the indicators worker, dates such as "overdue").
- A page's CSRF token is per visitor: it is stored as a placeholder and each response
  gets the visitor's own token.
- Every cached page answers conditional GETs: an ETag of its content, 304 when the
  browser already has it.
"""

import hashlib
import re
import secrets
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response

from coso.core import places
from coso.core.models import NATIONAL_CHAIN

ANY_WRITE = "coso:v:any"
UNITLESS_WRITE = "coso:v:nation"
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
CSRF_PLACEHOLDER = b"\x00coso-csrf\x00"  # never in a page: NulMiddleware refuses NUL


def _province_key(province_id: int) -> str:
    return f"coso:v:p{province_id}"


def bump(*, provinces: Iterable[int]) -> None:
    """The pages of these provinces (by id: the audit log's chains; NATIONAL_CHAIN for
    writes with no unit, which may touch every page) and the national pages are stale.
    Each version is a new random value, never an increment: two bumps cannot race into
    one, and a frozen clock (tests) cannot repeat one."""
    keys = [ANY_WRITE] + [
        UNITLESS_WRITE if chain == NATIONAL_CHAIN else _province_key(chain) for chain in provinces
    ]
    cache.set_many(dict.fromkeys(keys, secrets.token_hex(8)), timeout=None)


def depends_on(request: HttpRequest, unit: Any | None) -> None:
    """Declare what the page being rendered shows: one unit's (its province's) records,
    or, with None, records from anywhere. A page that declares nothing is not cached."""
    if unit is None:
        request.coso_page_versions = (ANY_WRITE,)  # type: ignore[attr-defined]
    else:
        request.coso_page_versions = (  # type: ignore[attr-defined]
            _province_key(_province_id(unit)),
            UNITLESS_WRITE,
        )


def _province_id(unit: Any) -> int:
    """The id of the unit's province (the root of its path), the audit log's chain for
    the unit's writes: read once, then kept in the cache (a code never changes hands)."""
    code = unit.path.split("/")[1]
    if code == unit.code:
        return cast(int, unit.pk)
    key = f"coso:province:{code}"
    province = cache.get_or_set(key, lambda: places.provinces_of(unit_ids=[unit.pk])[unit.pk], None)
    return cast(int, province)


def _visitor(request: HttpRequest) -> str | None:
    """Whose entry: the user's own for a signed-in user (a session or an API token),
    "public" for a visitor with neither, None (not cached) for anything else a page
    might show (a household's session, a message waiting). A search is not kept: free
    text seldom repeats, and would fill the cache with one-off pages."""
    if request.method != "GET" or not settings.COSO_PAGE_CACHE_SECONDS or "q" in request.GET:
        return None
    if "messages" in request.COOKIES:
        return None
    session = settings.SESSION_COOKIE_NAME in request.COOKIES
    if request.user.is_authenticated:
        return None if session and "_messages" in request.session else f"user{request.user.pk}"
    return None if session else "public"


def _key(request: HttpRequest, visitor: str) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    partial = "hx" if request.headers.get("HX-Request") else "page"
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"coso:page:{visitor}:{language}:{partial}:{address}"


def _current(names: tuple[str, ...]) -> tuple[Any, ...]:
    """The current versions; a version the cache lost starts anew (no entry matches)."""
    found = cache.get_many(names)
    missing = [name for name in names if name not in found]
    if missing:
        stamp = secrets.token_hex(8)
        cache.set_many(dict.fromkeys(missing, stamp), timeout=None)
        found |= dict.fromkeys(missing, stamp)
    return tuple(found[name] for name in names)


def _etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def _respond(request: HttpRequest, body: bytes, headers: dict[str, str], etag: str) -> HttpResponse:
    response = get_conditional_response(request, etag=etag)
    if response is None:
        if CSRF_PLACEHOLDER in body:
            body = body.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(body, headers=headers)
    response.headers["ETag"] = etag
    return response


def _store(request: HttpRequest, key: str, before: Any, response: HttpResponse) -> HttpResponse:
    """Keep the page rendered while no write committed (`before`, the version of any
    write when rendering began, is still current): the versions read now are then the
    ones its records were read under."""
    names = getattr(request, "coso_page_versions", None)
    if not names or response.status_code != 200 or response.streaming or response.cookies:
        return response
    after, *versions = _current((ANY_WRITE, *names))
    body = response.content
    token = CSRF_INPUT.search(body)
    if token:
        body = body.replace(token.group(1), CSRF_PLACEHOLDER)
    etag = _etag(body)
    if after == before:
        entry = (names, tuple(versions), body, dict(response.headers), etag)
        cache.set(key, entry, settings.COSO_PAGE_CACHE_SECONDS)
    response.headers["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response) or response


# The versions each page depended on when this process last saw it: read with the
# entry in one round trip. A hint only: the entry's own list decides.
_seen_versions: dict[str, tuple[str, ...]] = {}
SEEN_MAX = 10_000


def _seen(key: str, names: tuple[str, ...]) -> None:
    if len(_seen_versions) >= SEEN_MAX:
        _seen_versions.clear()
    _seen_versions[key] = names


def _valid(entry: Any, found: dict[str, Any]) -> bool:
    names, versions = entry[0], entry[1]
    if all(name in found for name in names):
        return tuple(found[name] for name in names) == versions
    return _current(names) == versions


def cached(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's page from the cache while what it depends on is unchanged.
    Goes under `requires(...)`: the permission check runs on every request."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        visitor = _visitor(request)
        if visitor is None:
            return view(request, *args, **kwargs)
        key = _key(request, visitor)
        found = cache.get_many([key, ANY_WRITE, *_seen_versions.get(key, ())])
        entry = found.get(key)
        if entry is not None and _valid(entry, found):
            names, _versions, body, headers, etag = entry
            _seen(key, names)
            return _respond(request, body, headers, etag)
        before = found[ANY_WRITE] if ANY_WRITE in found else _current((ANY_WRITE,))[0]
        response = _store(request, key, before, view(request, *args, **kwargs))
        _seen(key, getattr(request, "coso_page_versions", ()))
        return response

    return wrapped
