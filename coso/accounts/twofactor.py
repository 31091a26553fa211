"""Second factor for officials: a TOTP code from an authenticator app (django-otp).

Required for roles whose work reads personal data or a denouncer's identity (see
`coso.core.permissions.requires_2fa`), and for anyone who has set one up; optional for
the others. `COSO_2FA_WAIVED` lifts it for a local demo only: production refuses it.
"""

from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from coso.core import audit
from coso.core.permissions import requires_2fa


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def required(user: Any) -> bool:
    if settings.COSO_2FA_WAIVED or not getattr(user, "is_authenticated", False):
        return False
    return requires_2fa(user) or confirmed_device(user) is not None


def pending_device(user: Any) -> TOTPDevice:
    """The device being set up: one unconfirmed TOTP device, made on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Coso", confirmed=False)


def verify(request: Any, code: str) -> bool:
    """Check a code against the user's device (confirming a new one on its first good
    code) and mark the session as signed in with two factors."""
    code = "".join(code.split())
    device = confirmed_device(request.user) or pending_device(request.user)
    if not code.isdigit() or not device.verify_token(code):
        return False
    with transaction.atomic():
        if not device.confirmed:
            TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
            device.confirmed = True
            audit.log_event(
                actor=request.user,
                model="accounts.totpdevice",
                object_pk=str(device.pk),
                unit_id=None,
                changes={"confirmed": [False, True]},
            )
        otp_login(request, device)
    return True


def readable_key(device: TOTPDevice) -> str:
    """The device's secret in base32, in groups of four, for typing into an app."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
