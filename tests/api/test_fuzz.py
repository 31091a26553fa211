"""The API under schemathesis: requests generated from /api/openapi.json against every
operation, anonymously and with an official's personal API token, each answer checked
for server errors, status codes the document does not list, and bodies or content
types that break its schemas. A bounded number of examples per operation keeps the
suite quick; the summary is printed."""

from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from coso.accounts.tokens import token_create
from coso.config.api import api

EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _schema() -> schemathesis.BaseSchema:
    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))
    loaded.app = get_wsgi_application()
    loaded.location = "/api/openapi.json"
    return loaded


@pytest.fixture
def wsgi_in_test_transaction(db):
    """Keep the test's transaction across requests, as Django's test client does: the
    WSGI handler would otherwise close the connection around each request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _fuzzer(operation, headers, count):  # type: ignore[no-untyped-def]
    """A hypothesis test of one operation for one caller."""

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def fuzz(case: schemathesis.Case) -> None:
        count()
        case.call_and_validate(headers=headers, checks=CHECKS)

    return fuzz


def test_the_api_under_schemathesis(
    wsgi_in_test_transaction, tree, households, official_a, settings, record_property
):
    settings.COSO_RATE_LIMITS = {k: "100000/m" for k in settings.COSO_RATE_LIMITS}
    token, secret = token_create(actor=official_a, name="schemathesis")
    # Uncompressed: the WSGI transport does not undo GZipMiddleware's gzip, as a client would.
    plain = {"Accept-Encoding": "identity"}
    callers = {"anonymous": plain, "token": {**plain, "Authorization": f"Bearer {secret}"}}
    operations = [result.ok() for result in _schema().get_all_operations()]
    requests: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    messages: list[str] = []
    for operation in operations:
        for caller, headers in callers.items():
            fuzz = _fuzzer(operation, headers, lambda caller=caller: requests.update([caller]))
            try:
                fuzz()
            except Exception as error:  # a failing case, after hypothesis shrank it
                kinds = [type(e).__name__ for e in getattr(error, "exceptions", [error])]
                failures.update(kinds)
                messages.append(f"{operation.label} ({caller}): {', '.join(kinds)}\n{error}")
    violations = failures["JsonSchemaError"] + failures["MalformedJson"]
    other = sum(failures.values()) - failures["ServerError"] - failures["UndefinedStatusCode"]
    record_property(
        "summary",
        f"schemathesis: {len(operations)} operations × {len(callers)} callers, "
        f"{sum(requests.values())} requests; server errors: {failures['ServerError']}, "
        f"undocumented status codes: {failures['UndefinedStatusCode']}, "
        f"schema violations: {violations}, other failures: {other - violations}",
    )
    assert not messages, "\n\n".join(messages)
    token.refresh_from_db()
    assert token.last_used_at is not None  # the signed-in half really was signed in
