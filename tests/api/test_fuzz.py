"""The API under schemathesis: generated requests against every operation of
/api/openapi.json, anonymous and signed in as an official, and not one server error.
The number of examples per operation is bounded so the suite stays quick."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from coso.config.api import api

EXAMPLES = 30


def _schema() -> schemathesis.BaseSchema:
    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))
    loaded.app = get_wsgi_application()
    loaded.location = "/api/openapi.json"
    return loaded


SCHEMA = _schema()
OPERATIONS = {op.label: op for op in (r.ok() for r in SCHEMA.get_all_operations())}


@pytest.fixture
def wsgi_in_test_transaction(db):
    """Keep the test's transaction across requests, as Django's test client does: the
    WSGI handler would otherwise close the connection around each request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _session_of(user) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}


@pytest.mark.parametrize("who", ["anonymous", "official"])
@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_no_generated_request_makes_the_server_fail(
    label, who, wsgi_in_test_transaction, tree, households, official_a
):
    headers = _session_of(official_a) if who == "official" else {}

    @given(case=OPERATIONS[label].as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def fuzz(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    fuzz()
