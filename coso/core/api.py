"""What every app's API shares: the error document, the two ways an official signs in
(a personal token, or the browser's session), and each operation's declared action.

An operation is declared with `**official(action, ...)` or `**public(...)`: the helper
sets who may call it (answering 401 and 403 by the permission matrix), lists every
status code it can answer in the OpenAPI document, and records the action there as
`x-coso-action`, which the generated permission test reads.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Schema
from ninja.security import APIKeyCookie, HttpBearer

from coso.core.permissions import PUBLIC, can, roles_for


class ErrorOut(Schema):
    """Every error: a message for people (Vietnamese by default) and the input at fault."""

    detail: str
    field: str | None = None


def _authorised(user: Any, action: str) -> Any:
    """The signed-in user if the matrix lets them do `action` somewhere; 403 if not."""
    if not can(user, action):
        raise PermissionDenied
    return user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer coso_…`, a personal token made on the official's account
    page (resolved by coso.accounts.middleware.TokenMiddleware)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not getattr(request, "coso_token", False):
            return None
        return _authorised(request.user, self.action)


class SessionAuth(APIKeyCookie):
    """The browser's signed-in session (with its CSRF token for writes)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self, action: str) -> None:
        super().__init__(csrf=True)
        self.action = action

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not request.user.is_authenticated:
            return None
        return _authorised(request.user, self.action)


def _responses(ok: dict[int, Any], codes: tuple[int, ...]) -> dict[int, Any]:
    return {**ok, **{code: ErrorOut for code in codes}}


def official(action: str, ok: dict[int, Any], *codes: int) -> dict[str, Any]:
    """Router keyword arguments for an operation officials call: a token or a session
    whose roles grant `action` (401 without either, 403 when the roles do not grant
    it), answering `ok` or the error `codes` listed."""
    roles_for(action)  # an action missing from the matrix fails at import
    return {
        "auth": [TokenAuth(action), SessionAuth(action)],
        "response": _responses(ok, (401, 403, *codes)),
        "openapi_extra": {"x-coso-action": action},
    }


def public(ok: dict[int, Any], *codes: int) -> dict[str, Any]:
    """Router keyword arguments for an operation anyone may call. A token or session is
    still read, so officials may see what the public may not (a disclosure taken down)."""
    return {
        "auth": None,
        "response": _responses(ok, codes),
        "openapi_extra": {"x-coso-action": PUBLIC},
    }
