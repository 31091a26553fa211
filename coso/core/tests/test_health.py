"""/healthz: the database, the cache, the outbox and the figures waiting for their
refresh, 200 only when all answer."""

import datetime as dt
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from coso.notices.models import Notice, State
from coso.notices.services import notify

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_all_well(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    assert response.json() == {
        "ok": True,
        "checks": {
            "database": {"ok": True},
            "cache": {"ok": True},
            "outbox": {"ok": True, "oldest_unsent_seconds": None},
            "figures": {"ok": True, "oldest_unrefreshed_seconds": None},
        },
    }


def test_the_oldest_change_waiting_for_its_figures(client, time_machine, tree):
    from coso.reports.services.touches import touch_record

    touch_record("petitions", tree.b.pk, {NOW.date()})
    time_machine.move_to(NOW + dt.timedelta(minutes=3), tick=False)
    figures = client.get("/healthz").json()["checks"]["figures"]
    assert figures == {"ok": True, "oldest_unrefreshed_seconds": 180.0}


def test_the_oldest_unsent_notice_and_only_unsent_ones(client, time_machine):
    notify(key="sent", to="a@example.vn", subject="s", body="b")
    Notice.objects.filter(key="sent").update(state=State.SENT)
    time_machine.move_to(NOW + dt.timedelta(minutes=1), tick=False)
    notify(key="claimed", to="b@example.vn", subject="s", body="b")
    Notice.objects.filter(key="claimed").update(state=State.SENDING)
    time_machine.move_to(NOW + dt.timedelta(minutes=2), tick=False)
    notify(key="queued", to="c@example.vn", subject="s", body="b")
    time_machine.move_to(NOW + dt.timedelta(minutes=5), tick=False)
    outbox = client.get("/healthz").json()["checks"]["outbox"]
    assert outbox == {"ok": True, "oldest_unsent_seconds": 240.0}


def test_database_down_answers_503_naming_no_host(client):
    with mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError('host "db.internal" refused')
    ):
        response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503 and body["ok"] is False
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert body["checks"]["cache"] == {"ok": True}
    assert "db.internal" not in response.content.decode()


def test_cache_down_answers_503(client):
    with mock.patch("coso.core.health.cache.set", side_effect=ConnectionError("redis")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"ok": False, "error": "ConnectionError"}
    assert response.json()["checks"]["database"] == {"ok": True}


def test_never_rate_limited(client):
    for _ in range(50):
        assert client.get("/healthz").status_code == 200
