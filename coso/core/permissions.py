"""Who may do what: one matrix of role × action, beside the scoping rule that says where.

`coso.core.scoping` answers *where* a user may act (the subtrees of the units they hold
a role in). This module answers *what* each role may do there: read figures, read
records, read people's personal data, read voting codes, read a denouncer's identity,
write each kind of record, approve, export. Every view, API operation, export and admin
page asks `can()` (or declares its action with `requires()`); Django's own
`user.has_perm("coso.<action>", unit)` asks the same matrix (`MatrixBackend`).

Each app declares its own actions, with their data class and the roles granted them, in
its `manifest.py` (coso/core/manifests.py); `matrix()` assembles them into the one table.
docs/permissions.md is generated from it (`coso permissions`) and a test keeps the two
equal, so a change there is a reviewed change of the documentation;
tests/data/permission_matrix.json pins every cell.
"""

from collections.abc import Callable
from functools import cache, wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from coso.core.manifests import Action
from coso.core.manifests import actions as declared_actions
from coso.core.roles import role_names
from coso.core.scoping import get_for_user_or_404, may_reach, scope_paths, scoped

M = TypeVar("M", bound=Model)


@cache
def matrix() -> dict[str, Action]:
    """The one table of role × action, assembled from the apps' declarations (each
    app's `manifest.py`), in INSTALLED_APPS order."""
    return declared_actions()


# A page or operation anyone may open, signed in or not.
PUBLIC = "public"


def roles_for(action: str) -> frozenset[str]:
    """The roles that may do `action` (KeyError for an action not in the matrix)."""
    return matrix()[action].roles


def can(user: Any, action: str, *, path: str | None = None) -> bool:
    """Whether `user` may do `action` at the unit whose tree path is `path` — or, with
    no path, anywhere at all."""
    roles = roles_for(action)
    if path is None:
        paths = scope_paths(user, roles=roles)
        return paths is None or bool(paths)
    return may_reach(user, path, roles=roles)


def can_nationwide(user: Any, action: str) -> bool:
    """Whether `user` may do `action` everywhere: what records that belong to no unit
    (accounts, the rulebook) need — an administrator bound to one province may not
    manage every account in the country."""
    return scope_paths(user, roles=roles_for(action)) is None


def requires_2fa(user: Any) -> bool:
    """Officials whose work reads personal data or a denouncer's identity sign in with
    a second factor (DESIGN.md, "Security")."""
    return any(can(user, a) for a in ("personal.read", "identity.read"))


def requires(action: str) -> Callable[[Callable[..., HttpResponseBase]], Any]:
    """Declare and enforce the action a view needs.

    Anonymous visitors are sent to sign in; a signed-in user whose roles grant the
    action nowhere gets 403. Where the user may act is then the view's scoped fetch
    (404 outside the user's units). `requires(PUBLIC)` declares a page anyone opens.
    The generated permission test reads `view.coso_action` from every URL.
    """

    def decorate(view: Callable[..., HttpResponseBase]) -> Any:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if action != PUBLIC:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if not can(request.user, action):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.coso_action = action  # type: ignore[attr-defined]
        return wrapped

    if action != PUBLIC:
        roles_for(action)  # an unknown action fails at import, not at the first request
    return decorate


class MatrixBackend:
    """Django's `user.has_perm("coso.<action>", obj)` answered by the matrix: `obj` is a
    unit, or a record with a `unit`, or None for "anywhere"."""

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        return None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        app, _, action = perm.partition(".")
        if app != "coso" or action not in matrix():
            return False
        if obj is None:
            return can(user_obj, action)
        path = getattr(getattr(obj, "unit", obj), "path", None)
        return path is not None and can(user_obj, action, path=path)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False


def markdown() -> str:
    """docs/permissions.md: the matrix as a table, generated (`coso permissions`)."""
    names = role_names()  # in order, each with its name
    head = "| action | data class | what it allows | " + " | ".join(names) + " |"
    rule = "| --- | --- | --- | " + " | ".join("---" for _ in names) + " |"
    rows = [
        f"| `{a.code}` | {a.data_class} | {a.description} | "
        + " | ".join("✓" if role in a.roles else "" for role in names)
        + " |"
        for a in matrix().values()
    ]
    legend = [f"- `{role}`: {name}" for role, name in names.items()]
    return "\n".join(
        [
            "# Permissions",
            "",
            "Generated by `coso permissions` from the actions each app declares in its "
            "`manifest.py`; a test keeps this file and the code equal.",
            "",
            "Scoping answers *where* a user may act: the subtrees of the units they hold a "
            "role in (a record elsewhere answers 404). This matrix answers *what* each "
            "role may do there (a page or API operation the role may not use answers 403). "
            "Every page declares its action with `requires()`, every API operation with "
            "`official()` or `public()` (`x-coso-action` in the OpenAPI document), every "
            "admin page with `view_action` / `edit_action`; `tests/test_permissions.py` "
            "calls each one as every role and checks the answer against this table.",
            "",
            "Residents have no account: they read public pages, vote with their "
            "household's one-time code, follow a petition by its tracking code, and sign "
            "in as their household (a login and one-time code printed by the village "
            "head, then the household's PIN or a code by SMS) to choose online voting, "
            "vote online without typing a code, and follow their petitions and the "
            "follow-ups they raised (action `public`). Two actions add a rule about the "
            "record itself: "
            "`identity.read` is only for the petition's assigned handler; `codes.read` "
            "and `households.export` views are written to the audit log.",
            "",
            "A second factor (TOTP) is required at sign-in for every role that holds "
            "`personal.read` or `identity.read`.",
            "",
            head,
            rule,
            *rows,
            "",
            "Roles:",
            "",
            *legend,
            "",
        ]
    )


def scoped_for(qs: QuerySet[M], user: Any, action: str, *, path_field: str) -> QuerySet[M]:
    """The rows of `qs` in the units where `user` may do `action`."""
    return scoped(qs, user, path_field=path_field, roles=roles_for(action))


def get_or_404(qs: QuerySet[M], user: Any, action: str, *, path_field: str, **lookup: Any) -> M:
    """One record in a unit where `user` may do `action`; 404 for missing, out of scope,
    or in scope only through roles that may not do it."""
    return get_for_user_or_404(qs, user, path_field=path_field, roles=roles_for(action), **lookup)
