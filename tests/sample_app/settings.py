"""The test settings with one more app: the only line adding it to Coso."""

from coso.config.settings_test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.sample_app"]  # noqa: F405
