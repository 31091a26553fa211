"""Who may do what: one matrix of role × action, beside the scoping rule that says where.

`coso.core.scoping` answers *where* a user may act (the subtrees of the units they hold
a role in). This module answers *what* each role may do there: read figures, read
records, read people's personal data, read voting codes, read a denouncer's identity,
write each kind of record, approve, export. Every view, API operation, export and admin
page asks `can()` (or declares its action with `requires()`); Django's own
`user.has_perm("coso.<action>", unit)` asks the same matrix (`MatrixBackend`).

docs/permissions.md is generated from this table (`coso permissions --markdown`) and a
test keeps the two equal, so a change here is a reviewed change of the documentation.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from coso.accounts.models import Role
from coso.core.scoping import get_for_user_or_404, may_reach, scope_paths, scoped

M = TypeVar("M", bound=Model)

R = Role
OFFICIALS = frozenset(Role)  # every role held by an account
ORGANISERS = frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.VILLAGE_HEAD, R.ORG_OFFICER})


@dataclass(frozen=True)
class Action:
    """One thing a role may do, with the data class it touches."""

    code: str
    data_class: str
    description: str
    roles: frozenset[str]


# The data classes, from least to most sensitive.
AGGREGATES = "aggregates"
RECORDS = "records"
PERSONAL = "personal data"
CODES = "voting codes"
IDENTITY = "denouncer's identity"
WRITE = "write"
APPROVE = "approve"
EXPORT = "export"

ACTIONS: dict[str, Action] = {
    a.code: a
    for a in (
        Action(
            "aggregates.read",
            AGGREGATES,
            "Counts, shares and rankings rolled up from records (roll-ups, compliance).",
            OFFICIALS,
        ),
        Action(
            "records.read",
            RECORDS,
            "Records without people's personal data: petitions' subjects and steps, "
            "matters and their outcome, disclosures, reception days, households by code.",
            OFFICIALS,
        ),
        Action(
            "personal.read",
            PERSONAL,
            "Residents' names, birth dates, relations and contacts; a petition's sender; "
            "visitors at reception. Citizen ID numbers are masked to their last 3 digits.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.VILLAGE_HEAD}),
        ),
        Action(
            "citizen_id.read",
            PERSONAL,
            "Whole citizen ID numbers (the commune keeps the household register).",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL}),
        ),
        Action(
            "codes.read",
            CODES,
            "A ballot round's one-time household voting codes, to print the forms; "
            "each view is written to the audit log.",
            ORGANISERS,
        ),
        Action(
            "identity.read",
            IDENTITY,
            "A denouncer's name and contact (LD art. 9, 56): only the petition's assigned "
            "handler, each view audited.",
            frozenset({R.COMMUNE_OFFICIAL}),
        ),
        Action(
            "households.write",
            WRITE,
            "Add and correct households and their members; import household lists.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.VILLAGE_HEAD}),
        ),
        Action(
            "households.export",
            EXPORT,
            "Download a village's household list (personal data) as XLSX.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.VILLAGE_HEAD}),
        ),
        Action(
            "disclosures.write",
            WRITE,
            "Publish, amend and take down disclosures.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.ORG_OFFICER}),
        ),
        Action(
            "decisions.write",
            WRITE,
            "Put matters to households or staff, run meetings and ballots, count, "
            "publish, correct.",
            ORGANISERS,
        ),
        Action(
            "petitions.write",
            WRITE,
            "Record, accept, refuse, transfer, extend and resolve petitions; hold "
            "citizen-reception days.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL}),
        ),
        Action(
            "consultations.write",
            WRITE,
            "Put a draft to residents' opinions, key in opinions gathered at meetings, by "
            "ballot, box or hotline, close, answer each opinion and publish the synthesis.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL}),
        ),
        Action(
            "projects.write",
            WRITE,
            "Record a community-funded public work: its budget, households' dues and "
            "payments, spending, progress and its supervision board.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL}),
        ),
        Action(
            "oversight.write",
            WRITE,
            "The People's Inspection Board's (and a community investment supervision "
            "board's) own records: plans, visits, findings, recommendations to the commune.",
            frozenset({R.ADMINISTRATOR, R.INSPECTION_MEMBER}),
        ),
        Action(
            "boards.write",
            WRITE,
            "Assign the head and deputies of the People's Inspection Board and of a "
            "community investment supervision board among their elected members (GDL art. "
            "37): the commune or the Fatherland Front.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.FRONT_OFFICER}),
        ),
        Action(
            "mobilisation.write",
            WRITE,
            "Record dialogues and voter meetings with their questions and commitments; "
            "register 'Dân vận khéo' models; support programmes and their lists.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.FRONT_OFFICER, R.ORG_OFFICER}),
        ),
        Action(
            "visits.write",
            WRITE,
            "Record a steering committee's or commission's work visit to a unit below "
            "and the conclusions it asks the unit to carry out.",
            frozenset({R.ADMINISTRATOR, R.PROVINCE_VIEWER, R.CENTRAL_VIEWER}),
        ),
        Action(
            "exemplars.approve",
            APPROVE,
            "Evaluate 'Dân vận khéo' models against the rubric and recognise them, each "
            "level its own: a commune's committee at commune level, a province's at "
            "province level, the centre's at central level.",
            frozenset(
                {
                    R.ADMINISTRATOR,
                    R.COMMUNE_OFFICIAL,
                    R.ORG_OFFICER,
                    R.PROVINCE_VIEWER,
                    R.CENTRAL_VIEWER,
                }
            ),
        ),
        Action(
            "followups.write",
            WRITE,
            "Report on the unit's follow-ups (commitments, forwarded questions, "
            "conclusions): in progress, done with evidence, or not possible with the reason.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.ORG_OFFICER}),
        ),
        Action(
            "reports.write",
            WRITE,
            "Draft and send the periodic report of the unit the role is bound to (figures "
            "frozen when sent): a commune's officials their commune's, a province's "
            "steering committee the province's.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.PROVINCE_VIEWER}),
        ),
        Action(
            "reports.approve",
            APPROVE,
            "Accept, or return with comments, the reports of the units below (the "
            "provinces' for nationwide roles).",
            frozenset({R.ADMINISTRATOR, R.PROVINCE_VIEWER, R.CENTRAL_VIEWER}),
        ),
        Action(
            "units.write",
            WRITE,
            "Create, rename, merge and close units.",
            frozenset({R.ADMINISTRATOR}),
        ),
        Action(
            "rules.approve",
            APPROVE,
            "Put a new version of a legal rule in force; add calendar exceptions.",
            frozenset({R.ADMINISTRATOR}),
        ),
        Action(
            "accounts.manage",
            WRITE,
            "Create accounts and bind them to units with roles.",
            frozenset({R.ADMINISTRATOR}),
        ),
        Action(
            "account.self",
            WRITE,
            "One's own sign-in: second factor, password, personal API tokens.",
            OFFICIALS,
        ),
    )
}

# A page or operation anyone may open, signed in or not.
PUBLIC = "public"


def roles_for(action: str) -> frozenset[str]:
    """The roles that may do `action` (KeyError for an action not in the matrix)."""
    return ACTIONS[action].roles


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
        if app != "coso" or action not in ACTIONS:
            return False
        if obj is None:
            return can(user_obj, action)
        path = getattr(getattr(obj, "unit", obj), "path", None)
        return path is not None and can(user_obj, action, path=path)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False


ROLE_NAMES = {
    R.ADMINISTRATOR: "administrator",
    R.CENTRAL_VIEWER: "central monitoring",
    R.PROVINCE_VIEWER: "provincial monitoring",
    R.COMMUNE_OFFICIAL: "commune official",
    R.VILLAGE_HEAD: "village head",
    R.FRONT_OFFICER: "Fatherland Front cadre",
    R.INSPECTION_MEMBER: "People's Inspection Board member",
    R.ORG_OFFICER: "agency or enterprise official",
}


def markdown() -> str:
    """docs/permissions.md: the matrix as a table, generated (`coso permissions`)."""
    roles = list(Role)
    head = "| action | data class | what it allows | " + " | ".join(roles) + " |"
    rule = "| --- | --- | --- | " + " | ".join("---" for _ in roles) + " |"
    rows = [
        f"| `{a.code}` | {a.data_class} | {a.description} | "
        + " | ".join("✓" if role in a.roles else "" for role in roles)
        + " |"
        for a in ACTIONS.values()
    ]
    legend = [f"- `{role}`: {ROLE_NAMES[role]}" for role in roles]
    return "\n".join(
        [
            "# Permissions",
            "",
            "Generated from `coso/core/permissions.py` by `coso permissions`; a test keeps "
            "this file and the code equal.",
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
