"""The replica router: a listed view's reads go to the replica, everything else to the
primary. No replica runs here: a second alias on the test database stands in for one, so
each query shows which alias it went to."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso.config.routers import PIN_COOKIE, REPLICA, ReplicaRouter, stale_ok
from coso.units.models import Unit

# Read before the view runs (session, signed-in user, second factor): the primary's.
BEFORE_THE_VIEW = ("django_session", "accounts_user", "otp_")

# Transactional: the replica's connection sees only what the primary's committed.
pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=[DEFAULT_DB_ALIAS, REPLICA]
)


@pytest.fixture(scope="module", autouse=True)
def replica(django_db_setup):
    """A `replica` alias on the test database, as DATABASE_REPLICA_URL would add (made
    before each test's database access is allowed per alias, hence the module scope)."""
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    connections.settings[REPLICA] = {**primary, "TEST": {**primary["TEST"], "MIRROR": "default"}}
    yield REPLICA
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def _queries(client, url, **kwargs):
    """The SQL the request ran on the primary and on the replica."""
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return [q["sql"] for q in primary], [q["sql"] for q in replica]


def test_a_dashboard_reads_from_the_replica(client, province_viewer, tree):
    client.force_login(province_viewer)
    primary, on_replica = _queries(
        client, reverse("reports:unit_dashboard", args=[tree.province.code])
    )
    assert on_replica
    assert all(any(table in sql for table in BEFORE_THE_VIEW) for sql in primary), primary


def test_a_public_page_reads_nothing_from_the_primary(client, tree):
    primary, on_replica = _queries(client, reverse("portal:unit", args=[tree.a.code]))
    assert on_replica
    assert primary == []


def test_an_unlisted_view_reads_from_the_primary(client, official_a, tree):
    client.force_login(official_a)
    primary, on_replica = _queries(client, reverse("petitions:worklist", args=[tree.a.code]))
    assert primary
    assert on_replica == []


def test_a_change_pins_the_browser_to_the_primary(client, tree):
    response = client.post(reverse("decisions:vote"), {"code": "NOSUCHCODE"})
    assert response.cookies[PIN_COOKIE]["max-age"]
    primary, on_replica = _queries(client, reverse("portal:unit", args=[tree.a.code]))
    assert primary
    assert on_replica == []


def test_writes_and_transactions_use_the_primary():
    router = ReplicaRouter()
    token = stale_ok.set(True)
    try:
        assert router.db_for_read(Unit) == REPLICA
        assert router.db_for_write(Unit) == DEFAULT_DB_ALIAS
        with transaction.atomic():
            assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS
    finally:
        stale_ok.reset(token)
    assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(REPLICA, "units") is False


def test_without_a_replica_the_router_decides_nothing(client, tree, monkeypatch):
    monkeypatch.delitem(connections.settings, REPLICA)
    router = ReplicaRouter()
    token = stale_ok.set(True)
    try:
        assert router.db_for_read(Unit) is None
        assert router.db_for_write(Unit) is None
    finally:
        stale_ok.reset(token)
    assert PIN_COOKIE not in client.post(reverse("decisions:vote"), {"code": "X"}).cookies
