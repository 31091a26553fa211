"""Shared personas and a small map: province P with communes A and B, each with a village."""

import io
from types import SimpleNamespace

import pytest

from coso.accounts.models import Role, RoleAssignment, User
from coso.people.tests.factories import make_household
from coso.units.tests.factories import commune, province, village


def pytest_terminal_summary(terminalreporter):
    """Print the figures tests record with `record_property("summary", ...)` (the
    permission matrix's cases, schemathesis' counts), also from xdist's workers."""
    for report in terminalreporter.stats.get("passed", []):
        for name, value in getattr(report, "user_properties", []):
            if name == "summary":
                terminalreporter.write_line(value)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits count in the cache: every test starts with none spent, and reads
    the topic catalogue afresh."""
    from django.core.cache import cache

    from coso.concerns import topics

    cache.clear()
    topics.forget()  # the topic catalogue a rolled-back test changed


@pytest.fixture
def figures_work():
    """Refresh the figures changes left stale, as the worker does out of the request
    (`coso indicators work --once`): a test that reads figures after a change runs it."""
    from django.core.management import call_command

    return lambda: call_command("indicators", "work", "--once", stdout=io.StringIO())


@pytest.fixture
def notices_send():
    """Deliver what the outbox holds, as its sender does out of the request
    (`coso notices send`)."""
    from django.core.management import call_command

    return lambda: call_command("notices", "send", stdout=io.StringIO())


@pytest.fixture
def tree(db):
    p = province("Lai Châu")
    a = commune(p, "Xã Tam Đường")
    b = commune(p, "Phường Đoàn Kết")
    va = village(a, "Bản Nà Luông")
    vb = village(b, "Tổ dân phố số 1")
    return SimpleNamespace(province=p, a=a, b=b, village_a=va, village_b=vb)


@pytest.fixture
def households(tree):
    return SimpleNamespace(
        a=make_household(tree.village_a, "A-1"), b=make_household(tree.village_b, "B-1")
    )


def _user(username: str, role: str | None, unit=None, **extra) -> User:
    user = User.objects.create_user(username=username, password="pw", **extra)
    if role:
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def official_a(tree):
    return _user("official_a", Role.COMMUNE_OFFICIAL, tree.a)


@pytest.fixture
def official_b(tree):
    return _user("official_b", Role.COMMUNE_OFFICIAL, tree.b)


@pytest.fixture
def village_head(tree):
    return _user("village_head", Role.VILLAGE_HEAD, tree.village_a)


@pytest.fixture
def province_viewer(tree):
    return _user("province_viewer", Role.PROVINCE_VIEWER, tree.province)


@pytest.fixture
def central_viewer(db):
    return _user("central_viewer", Role.CENTRAL_VIEWER, None)


@pytest.fixture
def front_officer(tree):
    return _user("front_officer", Role.FRONT_OFFICER, tree.a)


@pytest.fixture
def inspection_member(tree):
    return _user("inspection_member", Role.INSPECTION_MEMBER, tree.a)


@pytest.fixture
def read_only(request, tree):
    """Each role that watches or supervises but never writes records, bound so that
    commune A is in its scope."""
    return request.getfixturevalue(request.param)


READ_ONLY_ROLES = ["province_viewer", "central_viewer", "front_officer", "inspection_member"]


@pytest.fixture
def administrator(db):
    return _user("administrator", Role.ADMINISTRATOR, None, is_superuser=True, is_staff=True)


@pytest.fixture
def resident(db):
    """A resident has no official account: they see only public pages."""
    return _user("resident", None)
