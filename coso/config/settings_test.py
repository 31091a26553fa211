"""Test settings: fast hashing, in-memory cache, and SQLite in memory unless DATABASE_URL."""

from coso.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
COSO_PAGE_CACHE_SECONDS = 60  # one process: its memory is shared by every request
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
LANGUAGE_CODE = "vi"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
COSO_SMS_BACKEND = "coso.notices.sms.MemoryBackend"
COSO_ZALO_BACKEND = "coso.notices.zalo.MemoryBackend"
COSO_NOTICE_BACKOFF_SECONDS = 0  # a failed notice is tried again on the next round
COSO_NOTICE_CALLBACK_SECRET = "test-callback-secret"
FIELD_ENCRYPTION_KEYS = ["bXv1vN2t0m0aQyqS3yJbJm3v1x8w7e6r5t4y3u2i1o0="]
AUDIT_KEYS = ["test-audit-key-kept-outside-the-database"]
# The second factor is tested on its own (coso/accounts/tests); elsewhere officials are
# signed in with force_login, as if they had given their code.
COSO_2FA_WAIVED = True
# No replica in tests, even with DATABASE_REPLICA_URL set: tests/test_replica.py makes its
# own alias on the test database.
DATABASES.pop("replica", None)  # noqa: F405
