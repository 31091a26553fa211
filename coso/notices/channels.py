"""The ways a notice leaves: one class per channel (e-mail, SMS; Zalo and others to
come), registered under the notice's `channel` value.

A channel's `send(notice)` returns once the notice has left. It raises `Permanent` when
sending it again cannot help (no gateway configured, an address refused for good): the
outbox gives the notice up at once. Any other failure (a server down, a timeout) is
temporary, `Temporary` or not: the outbox tries again on its next round, up to
COSO_NOTICE_ATTEMPTS times. A new channel is one more class and one `register` call.
"""

import smtplib

from django.conf import settings
from django.core.mail import send_mail

from coso.notices.models import Channel, Notice
from coso.notices.sms import sms_backend, sms_enabled


class Permanent(Exception):
    """A failure that sending again cannot mend: the notice is given up."""


class Temporary(Exception):
    """A failure that may pass (any exception not `Permanent` is taken as one): the
    notice is tried again."""


class NoticeChannel:
    """One way of sending. `keeps_body` is False for a channel whose messages carry a
    secret (a text's sign-in code): the outbox forgets the body once it has left."""

    name: str
    keeps_body = True

    def send(self, notice: Notice) -> None:
        raise NotImplementedError


class Email(NoticeChannel):
    name = Channel.EMAIL

    def send(self, notice: Notice) -> None:
        try:
            send_mail(notice.subject, notice.body, settings.DEFAULT_FROM_EMAIL, [notice.to])
        except smtplib.SMTPRecipientsRefused as error:
            # 5xx: the server refuses the address for good; 4xx: it may take it later.
            codes = [code for code, _message in error.recipients.values()]
            if codes and all(code >= 500 for code in codes):
                raise Permanent(f"address refused: {error.recipients}") from error
            raise Temporary(f"address not taken now: {error.recipients}") from error


class Sms(NoticeChannel):
    name = Channel.SMS
    keeps_body = False  # a text carries a sign-in code

    def send(self, notice: Notice) -> None:
        if not sms_enabled():
            # A text queued before the gateway was removed: retrying cannot send it.
            raise Permanent("no SMS gateway is configured (COSO_SMS_BACKEND)")
        sms_backend().send(notice.to, notice.body)


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
