"""The outbox: written with the change, delivered at most once, retried on failure, and
a send interrupted midway reported, not repeated."""

import datetime as dt
import io
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from coso.notices import channels, services, sms
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


def _refused(code):  # type: ignore[no-untyped-def]
    def send_mail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPRecipientsRefused({"a@x.vn": (code, b"mailbox")})

    return send_mail


def test_an_address_refused_for_good_is_given_up_at_once(settings, monkeypatch):
    settings.COSO_NOTICE_ATTEMPTS = 5
    Notice.objects.create(key="for-good", to="a@x.vn", subject="s", body="b")
    monkeypatch.setattr(channels, "send_mail", _refused(550))
    assert services.deliver() == (0, 1, Notice.objects.get().pk)
    notice = Notice.objects.get()
    assert notice.state == State.FAILED and notice.attempts == 1
    assert "refused" in notice.last_error


def test_an_address_not_taken_now_is_tried_again(settings, monkeypatch):
    settings.COSO_NOTICE_ATTEMPTS = 5
    Notice.objects.create(key="later", to="a@x.vn", subject="s", body="b")
    monkeypatch.setattr(channels, "send_mail", _refused(450))
    services.deliver()
    assert Notice.objects.get().state == State.PENDING
    monkeypatch.undo()
    services.deliver()
    assert Notice.objects.get().state == State.SENT and len(mail.outbox) == 1


def test_a_text_without_a_gateway_is_given_up_at_once(settings):
    settings.COSO_NOTICE_ATTEMPTS = 5
    sms.outbox.clear()
    services.notify(key="code", to="0912345678", subject="", body="Mã: 123456", channel="sms")
    settings.COSO_SMS_BACKEND = ""  # the gateway removed after the text was queued
    services.deliver()
    notice = Notice.objects.get()
    assert notice.state == State.FAILED and notice.attempts == 1
    assert "gateway" in notice.last_error and sms.outbox == []


def test_a_text_leaves_and_its_code_is_not_kept():
    sms.outbox.clear()
    services.notify(key="code", to="0912345678", subject="", body="Mã: 123456", channel="sms")
    assert services.deliver()[0] == 1
    assert sms.outbox == [("0912345678", "Mã: 123456")]
    assert Notice.objects.get().body == ""


def test_a_new_channel_plugs_in_and_an_unknown_one_fails_for_good(monkeypatch):
    left: list[str] = []

    class Pigeon(channels.NoticeChannel):
        name = "pigeon"
        keeps_body = False

        def send(self, notice: Notice) -> None:
            left.append(notice.to)

    monkeypatch.setitem(channels._CHANNELS, "pigeon", Pigeon())
    Notice.objects.create(key="p", to="loft 7", subject="s", body="b", channel="pigeon")
    Notice.objects.create(key="z", to="a", subject="s", body="b", channel="fax")
    assert services.deliver()[:2] == (1, 1)
    assert left == ["loft 7"] and Notice.objects.get(key="p").body == ""
    lost = Notice.objects.get(key="z")
    assert lost.state == State.FAILED and "fax" in lost.last_error
