"""The permission matrix, checked on every endpoint.

The test walks Django's URL resolver and the OpenAPI document. Every page must declare
the action it needs (`coso.core.permissions.requires`), every API operation its
`x-coso-action`, and every one needs an example in its app's part of this test
(`coso/<app>/tests/matrix.py`, found in every installed app): a new endpoint without
both fails here. Then each endpoint is called anonymously and as every role — bound where
the record lives, and bound to another unit — and its answer must be what the matrix
says: sign in first (302 to the sign-in page, or 401), 403 for a role the matrix does
not grant the action, 404 for a record outside the role's units, anything else (200,
302, 400, 422…) when allowed. The admin's pages are checked the same way.

The matrix itself, assembled from the actions each app declares in its manifest.py, is
pinned by docs/permissions.md (generated from it) and, cell by cell with every
endpoint's action, by tests/data/permission_matrix.json: a change to the matrix that is
not also a reviewed change to both fails here.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.module_loading import module_has_submodule

from coso.accounts.models import Role, RoleAssignment, User
from coso.config.api import api
from coso.core.admin import MatrixPermissions, ScopedAdmin
from coso.core.permissions import PUBLIC, markdown, matrix, roles_for
from coso.core.roles import role_names
from coso.units.tests.factories import province

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"
# Every action × role cell of the matrix and the action of every page, API operation
# and admin page, as they stood before the matrix was assembled from the apps'
# declarations: a change to any of them is a reviewed change of this file.
PINNED = Path(__file__).resolve().parent / "data" / "permission_matrix.json"

# URL namespaces that are not Coso's own views: the admin (checked below, model by
# model), the API (checked from its OpenAPI document) and Django's language switch.
OTHERS = {"admin", "api", None}


@dataclass(frozen=True)
class Persona:
    label: str
    role: str | None
    bound: str | None  # the tree path the role covers; None: nationwide
    user: Any


@pytest.fixture
def world(tree, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    # Many requests come from one test address: no rate limit here.
    settings.COSO_RATE_LIMITS = {k: "100000/m" for k in settings.COSO_RATE_LIMITS}
    settings.COSO_BALLOT_KEY_BITS = 512  # encrypted rounds: small keys, fast tests
    personas = _personas(tree)
    w = SimpleNamespace(
        tree=tree,
        personas=personas,
        official=next(p.user for p in personas if p.label == "commune_official here"),
        head=next(p.user for p in personas if p.label == "village_head here"),
    )
    # One record of each kind, in commune A or its village, app by app (a record may be
    # one another app made: the household, a dialogue's follow-up).
    for part in PARTS:
        if hasattr(part, "records"):
            vars(w).update(part.records(w))
    return w


def _personas(tree: Any) -> list[Persona]:
    """Anonymous, and each role bound where the records live and bound elsewhere."""
    other_province = province("Điện Biên")
    homes = {
        Role.ADMINISTRATOR: (None, None),
        Role.CENTRAL_VIEWER: (None, None),
        Role.PROVINCE_VIEWER: (tree.province, other_province),
        Role.COMMUNE_OFFICIAL: (tree.a, tree.b),
        Role.VILLAGE_HEAD: (tree.village_a, tree.village_b),
        Role.FRONT_OFFICER: (tree.a, tree.b),
        Role.INSPECTION_MEMBER: (tree.a, tree.b),
        Role.ORG_OFFICER: (tree.a, tree.b),
    }
    personas = [Persona("anonymous", None, None, None)]
    for role, (here, there) in homes.items():
        for where, unit in (("here", here), ("elsewhere", there)):
            if where == "elsewhere" and here is None:
                continue  # a nationwide role has no elsewhere
            user = User.objects.create_user(f"{role}-{where}", password="pw")
            RoleAssignment.objects.create(user=user, unit=unit, role=role)
            path = unit.path if unit else None
            personas.append(Persona(f"{role} {where}", role, path, user))
    return personas


# For each page: its URL's arguments and the unit its record lives in (None: no record).
Example = Callable[[Any, Any], tuple[dict[str, Any], Any]]
# For each API operation: its path and query values, its body, and the record's unit.
ApiExample = Callable[[Any], tuple[dict[str, Any], dict[str, Any] | None, Any]]


def _parts() -> list[ModuleType]:
    """Each installed app's part of this test, `<app>.tests.matrix`, in app order: its
    `records(w)` (the records its examples need, returned by name), and `PAGES` and
    `API`, an example for each of its pages and API operations."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "tests"):
            tests = import_module(f"{config.name}.tests")
            if module_has_submodule(tests, "matrix"):
                found.append(import_module(f"{config.name}.tests.matrix"))
    return found


def _merged(kind: str, *found: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for examples in found:
        twice = set(merged) & set(examples)
        assert not twice, f"{kind} with two examples: {sorted(twice)}"
        merged |= examples
    return merged


PARTS = _parts()
# The project's own pages: the health check.
PAGES: dict[str, Example] = _merged(
    "pages",
    {"healthz": lambda w, u: ({}, None)},
    *(getattr(part, "PAGES", {}) for part in PARTS),
)
API_EXAMPLES: dict[str, ApiExample] = _merged(
    "API operations", *(getattr(part, "API", {}) for part in PARTS)
)


def coso_patterns() -> dict[str, Any]:
    """Every named URL of Coso's own views, with its view."""
    found: dict[str, Any] = {}

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace in OTHERS - {None} or "i18n" in str(p.pattern):
                    continue
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern):
                found[f"{namespace}:{p.name}" if namespace else p.name] = p.callback

    walk(get_resolver().url_patterns, None)
    return found


def expected(action: str, persona: Persona, unit: Any) -> str:
    if action == PUBLIC:
        return "allowed"
    if persona.user is None:
        return "sign in"
    if persona.role not in roles_for(action):
        return "forbidden"
    if unit is not None and persona.bound is not None and not unit.path.startswith(persona.bound):
        return "not found"  # (the nation's path "" starts with no unit's path)
    return "allowed"


def answer(response: Any) -> str:
    status = response.status_code
    assert status < 500, response
    if status in (401,) or (
        status == 302 and re.search(r"/(accounts|admin)/login/", response.get("Location", ""))
    ):
        return "sign in"
    return {403: "forbidden", 404: "not found"}.get(status, "allowed")


def _call(client: Client, url: str, persona: Persona) -> Any:
    if persona.user is not None:
        client.force_login(persona.user)
    response = client.get(url)
    if response.status_code == 405:  # a form action: it only takes POST
        response = client.post(url, {})
    client.logout()
    return response


def pages_against_matrix(world: Any, names: list[str]) -> tuple[list[str], int]:
    """Call each named page as every persona: the answers the matrix does not give,
    and how many calls were made."""
    patterns = coso_patterns()
    client, wrong, cases = Client(), [], 0
    for name in sorted(names):
        for persona in world.personas:
            kwargs, unit = PAGES[name](world, persona.user)
            want = expected(patterns[name].coso_action, persona, unit)
            got = answer(_call(client, reverse(name, kwargs=kwargs), persona))
            cases += 1
            if got != want:
                wrong.append(f"{name} as {persona.label}: {got}, matrix says {want}")
    return wrong, cases


def test_every_page_answers_as_the_matrix_says(world, record_property):
    patterns = coso_patterns()
    undeclared = sorted(n for n, view in patterns.items() if not hasattr(view, "coso_action"))
    assert not undeclared, f"pages with no action in the permission matrix: {undeclared}"
    missing = sorted(set(patterns) - set(PAGES))
    assert not missing, f"pages with no example in this test: {missing}"
    wrong, cases = pages_against_matrix(world, list(patterns))
    record_property(
        "summary",
        f"permission matrix: {len(patterns)} URL patterns × {len(world.personas)} personas"
        f" = {cases} cases",
    )
    assert not wrong, "\n".join(wrong)


def api_operations() -> dict[str, str]:
    schema = api.get_openapi_schema(path_prefix="/api")
    return {
        f"{method.upper()} {path}": op.get("x-coso-action")
        for path, item in schema["paths"].items()
        for method, op in item.items()
    }


def _request(client: Client, label: str, world: Any, persona: Persona) -> tuple[Any, Any]:
    """Call the API operation `label` as `persona`: its answer and its record's unit."""
    method, path = label.split(" ", 1)
    values, body, unit = API_EXAMPLES[label](world)
    query = {k: v for k, v in values.items() if "{" + k + "}" not in path}
    url = path.format(**{k: v for k, v in values.items() if "{" + k + "}" in path})
    if persona.user is not None:
        client.force_login(persona.user)
    if method == "GET":
        response = client.get(url, query)
    else:
        response = client.post(url, body, content_type="application/json")
    client.logout()
    return response, unit


def api_against_matrix(world: Any, labels: list[str]) -> tuple[list[str], int]:
    """Call each API operation as every persona: the answers the matrix does not give,
    and how many calls were made."""
    operations = api_operations()
    client, wrong, cases = Client(), [], 0
    for label in sorted(labels):
        for persona in world.personas:
            response, unit = _request(client, label, world, persona)
            cases += 1
            want, got = expected(operations[label], persona, unit), answer(response)
            if got != want:
                wrong.append(f"{label} as {persona.label}: {got}, matrix says {want}")
    return wrong, cases


def test_every_api_operation_answers_as_the_matrix_says(world, record_property):
    operations = api_operations()
    undeclared = sorted(label for label, action in operations.items() if not action)
    assert not undeclared, f"API operations with no x-coso-action: {undeclared}"
    missing = sorted(set(operations) - set(API_EXAMPLES))
    assert not missing, f"API operations with no example in this test: {missing}"
    wrong, cases = api_against_matrix(world, list(operations))
    record_property(
        "summary",
        f"permission matrix: {len(operations)} API operations × {len(world.personas)} personas"
        f" = {cases} cases",
    )
    assert not wrong, "\n".join(wrong)


def test_every_admin_page_answers_as_the_matrix_says(world):
    client, wrong = Client(), []
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        # National tables (the rulebook, the rubric): only a role held nationwide.
        national = isinstance(model_admin, MatrixPermissions)
        if isinstance(model_admin, ScopedAdmin):
            action = model_admin.view_action
        elif national:
            action = model_admin.action
        else:
            action = None  # a library's admin: superusers only, and no persona is one
        for persona in world.personas:
            if persona.user is None:
                want = "sign in"
            elif (
                not roles_for("records.read") >= {persona.role}
                or action is None
                or persona.role not in roles_for(action)
                or (national and persona.bound is not None)
            ):
                want = "forbidden"
            else:
                want = "allowed"
            got = answer(_call(client, url, persona))
            if got != want:
                wrong.append(f"{url} as {persona.label}: {got}, matrix says {want}")
    assert not wrong, "\n".join(wrong)


# What the apps' records (their tests/matrix.py) hold about people.
PERSONAL = ["Lò Văn Pọm", "Lò Thị Mai", "17/05/1980", "1980-05-17", "Nguyễn Thị Gửi", "0912000111"]


def test_roles_without_personal_data_find_none_anywhere(world):
    """Crawl every page and API read as each role the matrix denies personal data:
    no resident's name, birth date or contact on any answer; the village's figures
    instead of its people."""
    client = Client()
    blind = [p for p in world.personas if p.user and p.role not in roles_for("personal.read")]
    assert {p.role for p in blind} >= {Role.PROVINCE_VIEWER, Role.CENTRAL_VIEWER}
    for persona in blind:
        client.force_login(persona.user)
        for name in coso_patterns():
            kwargs, _unit = PAGES[name](world, persona.user)
            response = client.get(reverse(name, kwargs=kwargs))
            raw = b"".join(response.streaming_content) if response.streaming else response.content
            body = raw.decode(errors="replace")
            leaked = [text for text in PERSONAL if text in body]
            assert not leaked, f"{name} shows {leaked} to {persona.label}"
        for label in api_operations():
            method, path = label.split(" ", 1)
            if method != "GET":
                continue
            values, _body, _unit = API_EXAMPLES[label](world)
            query = {k: v for k, v in values.items() if "{" + k + "}" not in path}
            url = path.format(**{k: v for k, v in values.items() if "{" + k + "}" in path})
            body = client.get(url, query).content.decode("unicode_escape", errors="replace")
            leaked = [text for text in PERSONAL if text in body]
            assert not leaked, f"{label} shows {leaked} to {persona.label}"
    province = next(p for p in blind if p.label == "province_viewer here")
    client.force_login(province.user)
    page = client.get(reverse("units:official_unit", args=[world.tree.village_a.code]))
    assert page.status_code == 200 and 'id="figures"' in page.content.decode()
    assert page.context["figures"]["households"] == 2
    for name in ("decisions:codes", "people:village_export"):
        kwargs, _unit = PAGES[name](world, province.user)
        assert client.get(reverse(name, kwargs=kwargs)).status_code in (403, 404)


def test_the_organiser_sees_the_codes_and_the_view_is_audited(world):
    from coso.core.models import AuditEntry

    head = next(p.user for p in world.personas if p.label == "village_head here")
    client = Client()
    client.force_login(head)
    page = client.get(reverse("decisions:codes", args=[world.ballots.pk]))
    code = world.ballots.codes.first().code
    assert page.status_code == 200 and code in page.content.decode()
    viewed = AuditEntry.objects.filter(
        model="decisions.householdcode", object_pk=str(world.ballots.pk), actor=head
    )
    assert viewed.count() == 1


def test_the_documented_matrix_is_the_matrix():
    assert DOC.read_text() == markdown(), (
        "docs/permissions.md differs from coso.core.permissions: run "
        "`.venv/bin/coso permissions > docs/permissions.md` and review the change"
    )


def _admin_actions() -> dict[str, dict[str, str | None] | None]:
    found: dict[str, dict[str, str | None] | None] = {}
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, ScopedAdmin):
            actions = {"view": model_admin.view_action, "edit": model_admin.edit_action}
        elif isinstance(model_admin, MatrixPermissions):
            actions = {"view": model_admin.action, "edit": model_admin.action}
        else:
            actions = None
        found[model._meta.label] = actions
    return found


def test_the_matrix_is_the_pinned_matrix():
    """Cell by cell: every action's data class and each role's grant, as pinned."""
    pinned = json.loads(PINNED.read_text())["actions"]
    now = {
        a.code: {"data_class": a.data_class, "roles": {r: r in a.roles for r in role_names()}}
        for a in matrix().values()
    }
    assert sorted(now) == sorted(pinned), "actions added to or taken from the matrix"
    differ = [
        f"{code} × {role}: {now[code]['roles'].get(role)}, pinned {granted}"
        for code, cells in pinned.items()
        for role, granted in cells["roles"].items()
        if now[code]["roles"].get(role) != granted
    ]
    differ += [
        f"{code}: data class {now[code]['data_class']}, pinned {cells['data_class']}"
        for code, cells in pinned.items()
        if now[code]["data_class"] != cells["data_class"]
    ]
    assert not differ, "\n".join(differ)


def test_every_endpoint_asks_its_pinned_action():
    pinned = json.loads(PINNED.read_text())
    now = {
        "pages": {name: view.coso_action for name, view in coso_patterns().items()},
        "api": api_operations(),
        "admin": _admin_actions(),
    }
    for kind in ("pages", "api", "admin"):
        differ = [
            f"{name}: {now[kind].get(name)}, pinned {action}"
            for name, action in pinned[kind].items()
            if now[kind].get(name) != action
        ]
        differ += [f"{name}: not pinned" for name in set(now[kind]) - set(pinned[kind])]
        assert not differ, f"{kind}:\n" + "\n".join(sorted(differ))
