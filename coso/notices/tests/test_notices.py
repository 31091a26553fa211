"""The outbox: written with the change, delivered at most once, retried on failure, and
a send interrupted midway reported, not repeated."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from coso.notices import services
from coso.notices.models import Notice, State

pytestmark = pytest.mark.django_db


def test_a_notice_goes_once_by_the_sender_and_not_on_rollback(
    django_capture_on_commit_callbacks, notices_send
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify(key="k1", to="a@x.vn", subject="s", body="b") is not None
        assert services.notify(key="k1", to="a@x.vn", subject="s", body="b") is None
    assert mail.outbox == []  # nothing leaves in the request, even once committed
    notices_send()
    assert len(mail.outbox) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify(key="k2", to="a@x.vn", subject="s", body="b")
        raise RuntimeError
    assert not Notice.objects.filter(key="k2").exists()
    call_command("notices", "send", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_failures_are_retried_then_given_up(settings, monkeypatch):
    settings.COSO_NOTICE_ATTEMPTS = 2
    Notice.objects.create(key="k", to="a@x.vn", subject="s", body="b")

    def broken(notice):
        raise OSError("SMTP down")

    monkeypatch.setattr(services, "_send", broken)
    out = io.StringIO()
    call_command("notices", "send", stdout=out)
    assert "1 lỗi" in out.getvalue()
    assert Notice.objects.get().state == State.PENDING
    call_command("notices", "send", stdout=io.StringIO())
    notice = Notice.objects.get()
    assert notice.state == State.FAILED and notice.attempts == 2 and "SMTP" in notice.last_error
    monkeypatch.undo()
    call_command("notices", "send", stdout=io.StringIO())
    assert len(mail.outbox) == 0


def test_a_send_interrupted_midway_is_reported_not_repeated(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False)
    Notice.objects.create(key="k", to="a@x.vn", subject="s", body="b")
    claimed = services._claim(10, 0)  # the sender died after claiming
    assert [n.key for n in claimed] == ["k"]
    call_command("notices", "send", stdout=io.StringIO())
    assert Notice.objects.get().state == State.SENDING  # maybe still sending
    time_machine.move_to(dt.datetime(2026, 11, 25, 4, tzinfo=dt.UTC), tick=False)
    call_command("notices", "send", stdout=io.StringIO())
    assert Notice.objects.get().state == State.FAILED and len(mail.outbox) == 0
