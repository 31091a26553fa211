import datetime as dt

import pytest
import time_machine


@pytest.fixture(autouse=True)
def _today():
    """Every calendar test runs on 1 March 2026, 16:00 in Vietnam."""
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        yield
