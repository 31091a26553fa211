"""The Official Account's tokens are encrypted at rest: the database row holds neither
token's text, before or after a renewal, and the migration seals the rows it finds."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coso.notices import zalo
from coso.notices.models import ZaloToken
from coso.notices.tests.fake_gateway import fake_gateway
from coso.notices.tests.providers import OAUTH_PATH, FakeZalo

ACCESS, REFRESH = "AcCeSs-token-0123456789", "ReFrEsH-token-9876543210"


def _raw_row() -> str:
    """Every column of the one token row, as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM notices_zalotoken")
        rows = cursor.fetchall()
    assert len(rows) == 1
    return " ".join(str(value) for value in rows[0])


@pytest.mark.django_db
def test_the_tokens_are_not_in_the_database_row():
    """Attack: whoever reads the table (a dump, a backup) must not read the OA's tokens."""
    ZaloToken.objects.create(access_token=ACCESS, refresh_token=REFRESH)
    raw = _raw_row()
    assert ACCESS not in raw and REFRESH not in raw and "token" not in raw
    token = ZaloToken.objects.get()
    assert (token.access_token, token.refresh_token) == (ACCESS, REFRESH)


@pytest.mark.django_db
def test_a_renewed_token_is_kept_encrypted(settings):
    fake = FakeZalo(refresh_token=REFRESH)
    with fake_gateway({OAUTH_PATH: [fake.oauth]}) as gateway:
        settings.COSO_ZALO_OAUTH_URL = gateway.url + OAUTH_PATH
        settings.COSO_ZALO_APP_ID, settings.COSO_ZALO_APP_SECRET = fake.app_id, fake.app_secret
        settings.COSO_ZALO_REFRESH_TOKEN = REFRESH
        assert zalo.access_token() == "access-1"
    raw = _raw_row()
    assert "access-1" not in raw and "refresh-1" not in raw
    assert ZaloToken.objects.get().refresh_token == "refresh-1"


BEFORE = [("notices", "0005_resident_preference")]
AFTER = [("notices", "0006_zalo_token_sealed")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_seals_the_tokens_kept_in_plain_text():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("notices", "ZaloToken")
    old.objects.create(access_token=ACCESS, refresh_token=REFRESH)
    assert ACCESS in _raw_row()
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    raw = _raw_row()
    assert ACCESS not in raw and REFRESH not in raw
    token = ZaloToken.objects.get()
    assert (token.access_token, token.refresh_token) == (ACCESS, REFRESH)
