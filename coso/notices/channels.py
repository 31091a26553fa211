"""The ways a notice leaves: one class per channel (e-mail, SMS, Zalo), registered under
the notice's `channel` value; each channel sends through the backend its setting names
(EMAIL_BACKEND, COSO_SMS_BACKEND, COSO_ZALO_BACKEND), as Django's e-mail does.

A channel's `send(notice)` returns once the notice has left, with the gateway's id for
the message when it gives one; the notice's key goes with it as the gateway's request or
tracking id. It raises `Permanent` when
sending it again cannot help (no gateway configured, an address refused for good): the
outbox gives the notice up at once. Any other failure (a server down, a timeout) is
temporary, `Temporary` or not: the outbox tries again on its next round, up to
COSO_NOTICE_ATTEMPTS times. A new channel is one more class and one `register` call.
"""

import smtplib

from django.conf import settings
from django.core.mail import send_mail

from coso.notices import zalo
from coso.notices.errors import Permanent, Temporary
from coso.notices.models import Channel, Notice
from coso.notices.segments import fit
from coso.notices.sms import sms_backend, sms_enabled

__all__ = ["Permanent", "Temporary", "channel_for", "register"]


class NoticeChannel:
    """One way of sending. `keeps_body` is False for a channel whose messages carry a
    secret (a text's sign-in code): the outbox forgets the body once it has left."""

    name: str
    keeps_body = True

    def send(self, notice: Notice) -> str | None:
        raise NotImplementedError


class Email(NoticeChannel):
    name = Channel.EMAIL

    def send(self, notice: Notice) -> str | None:
        try:
            send_mail(notice.subject, notice.body, settings.DEFAULT_FROM_EMAIL, [notice.to])
        except smtplib.SMTPRecipientsRefused as error:
            # 5xx: the server refuses the address for good; 4xx: it may take it later.
            codes = [code for code, _message in error.recipients.values()]
            if codes and all(code >= 500 for code in codes):
                raise Permanent(f"address refused: {error.recipients}") from error
            raise Temporary(f"address not taken now: {error.recipients}") from error
        return None


class Sms(NoticeChannel):
    name = Channel.SMS
    keeps_body = False  # a text carries a sign-in code

    def send(self, notice: Notice) -> str | None:
        if not sms_enabled():
            # A text queued before the gateway was removed: retrying cannot send it.
            raise Permanent("no SMS gateway is configured (COSO_SMS_BACKEND)")
        text = fit(notice.body, settings.COSO_SMS_MAX_SEGMENTS)
        return sms_backend().send(notice.to, text, ref=notice.key)


class Zalo(NoticeChannel):
    name = Channel.ZALO

    def send(self, notice: Notice) -> str | None:
        if not zalo.zalo_enabled():
            raise Permanent("no Zalo Official Account is configured (COSO_ZALO_BACKEND)")
        return zalo.zalo_backend().send(notice.to, notice.subject, notice.body, ref=notice.key)


_CHANNELS: dict[str, NoticeChannel] = {}


def register(channel: NoticeChannel) -> None:
    """Send the notices whose `channel` is `channel.name` by `channel`."""
    _CHANNELS[channel.name] = channel


def channel_for(name: str) -> NoticeChannel:
    """The channel a notice goes by; a name no channel answers to fails for good."""
    try:
        return _CHANNELS[name]
    except KeyError:
        raise Permanent(f"no channel {name!r} is registered") from None


register(Email())
register(Sms())
register(Zalo())
