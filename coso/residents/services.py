"""Households signing in: the village head issues (or re-issues) a printed login with a
one-time activation code; the household sets its own PIN with it, or asks for a code by
SMS to the phone on the household list. Five wrong secrets lock the login for a while;
every issue, activation, sign-in and revocation is written to the audit log; revoking or
re-issuing ends every session of the household."""

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit
from coso.core.codes import normalise, random_code
from coso.core.errors import DomainError
from coso.core.permissions import can
from coso.notices.services import notify
from coso.notices.sms import sms_enabled
from coso.people.models import Household
from coso.residents.models import HouseholdAccess
from coso.units.models import Unit

LOGIN_LENGTH = 8
ACTIVATION_LENGTH = 10
PIN_MIN = 6


def _log(actor: Any, access: HouseholdAccess, what: str) -> None:
    household = access.household
    audit.log_event(
        actor=actor,
        model="residents.householdaccess",
        object_pk=str(access.pk),
        unit_id=household.village_id,
        changes={"event": what},
    )


def issue_codes(
    *, actor: Any, village: Unit, households: list[Household] | None = None
) -> list[dict[str, str]]:
    """New one-time activation codes for the village's households (all, or those
    given), to print. A household that had a PIN must set a new one; its sessions end.
    Returns, per household, its login and the plain code (shown once, never stored)."""
    if not can(actor, "households.write", path=village.path):
        raise DomainError(_("Bạn không có quyền cấp mã cho hộ ở thôn, tổ này."), field="village")
    chosen = (
        households
        if households is not None
        else list(Household.objects.filter(village=village).order_by("code"))
    )
    if any(h.village_id != village.pk for h in chosen):
        raise DomainError(_("Hộ không thuộc thôn, tổ này."), field="village")
    existing = {a.household_id: a for a in HouseholdAccess.objects.filter(household__in=chosen)}
    now = timezone.now()
    sheet = []
    with transaction.atomic():
        for household in chosen:
            access = existing.get(household.pk) or HouseholdAccess(
                household=household, login=_new_login()
            )
            code = random_code(ACTIVATION_LENGTH)
            access.activation, access.activation_issued_at = make_password(code), now
            access.pin, access.pin_set_at, access.revoked_at = "", None, None
            access.failures, access.locked_until = 0, None
            access.generation += 1
            access.save()
            _log(actor, access, "issued")
            sheet.append({"household": household.code, "login": access.login, "code": code})
    return sheet


def _new_login() -> str:
    while True:
        login = random_code(LOGIN_LENGTH)
        if not HouseholdAccess.objects.filter(login=login).exists():
            return login


def revoke(*, actor: Any, access: HouseholdAccess) -> None:
    """The village head withdraws the household's sign-in: codes, PIN and sessions."""
    if not can(actor, "households.write", path=access.household.village.path):
        raise DomainError(_("Bạn không có quyền thu hồi mã của hộ này."), field="login")
    with transaction.atomic():
        access.activation = access.pin = access.sms_code = ""
        access.revoked_at = timezone.now()
        access.generation += 1
        access.save()
        _log(actor, access, "revoked")


def _locked(access: HouseholdAccess) -> bool:
    return access.locked_until is not None and access.locked_until > timezone.now()


WRONG = "!"  # no hash matches it: checked against when the login is unknown


def _wrong() -> DomainError:
    """One answer for a wrong secret, an unknown login and a locked one: it tells no
    one which logins exist."""
    return DomainError(_("Mã đăng nhập hoặc mã bí mật không đúng."), field="secret")


def _refuse(access: HouseholdAccess | None) -> DomainError:
    """Count a wrong secret in the database itself (two guesses at once both count);
    the fifth locks the login."""
    if access is None:
        check_password("x", make_password(WRONG))  # the same work as a known login
        return _wrong()
    HouseholdAccess.objects.filter(pk=access.pk).update(failures=F("failures") + 1)
    locked = HouseholdAccess.objects.filter(
        pk=access.pk, failures__gte=settings.COSO_HOUSEHOLD_ATTEMPTS
    ).update(
        failures=0,
        locked_until=timezone.now() + dt.timedelta(minutes=settings.COSO_HOUSEHOLD_LOCK_MINUTES),
    )
    if locked:
        _log(None, access, "locked")
    return _wrong()


def _find(login: str) -> HouseholdAccess | None:
    found = (
        HouseholdAccess.objects.select_related("household").filter(login=normalise(login)).first()
    )
    if found is not None and _locked(found):
        raise _wrong()  # locked: the same answer as a wrong secret; the lock is audited
    return found


def sign_in(*, login: str, secret: str) -> tuple[HouseholdAccess, bool]:
    """Check a login with its one-time activation code, its PIN or an SMS code. Returns
    the access and whether the household must now choose a PIN (after activation)."""
    access = _find(login)
    secret = secret.strip()
    if access is None or access.revoked_at is not None or not secret:
        raise _refuse(access)
    now = timezone.now()
    if access.activation and check_password(normalise(secret), access.activation):
        how = "activation"
    elif access.pin and check_password(secret, access.pin):
        how = "pin"
    elif (
        access.sms_code
        and access.sms_expires_at
        and access.sms_expires_at > now
        and check_password(secret, access.sms_code)
    ):
        how = "sms"
    else:
        raise _refuse(access)  # counted outside any transaction: the count stays
    with transaction.atomic():
        if how == "activation":
            access.activation = ""
        if how == "sms":
            access.sms_code = ""
        access.failures = 0
        access.save(update_fields=["activation", "sms_code", "failures"])
        _log(None, access, "activated" if how == "activation" else f"signed in by {how}")
    return access, how == "activation" or (how == "sms" and not access.pin)


def set_pin(*, access: HouseholdAccess, pin: str, session: Any = None) -> None:
    """A new PIN ends every other session of the household (this one continues)."""
    pin = pin.strip()
    if len(pin) < PIN_MIN or not pin.isdigit() or len(set(pin)) == 1:
        raise DomainError(
            _("Mã PIN gồm ít nhất %(n)s chữ số, không phải một chữ số lặp lại.") % {"n": PIN_MIN},
            field="pin",
        )
    with transaction.atomic():
        access.pin, access.pin_set_at = make_password(pin), timezone.now()
        access.generation += 1
        access.save(update_fields=["pin", "pin_set_at", "generation"])
        _log(None, access, "pin set")
    if session is not None:
        remember(session, access)


def send_sms_code(*, login: str) -> bool:
    """Send a sign-in code to the phone on the household list (through the outbox).
    Answers the same whether or not the login has a phone, so it tells no one which
    logins exist."""
    if not sms_enabled():
        return False
    access = _find(login)
    if access is None or access.revoked_at is not None or not access.household.phone:
        return False
    now = timezone.now()
    valid = dt.timedelta(minutes=settings.COSO_SMS_CODE_MINUTES)
    if access.sms_expires_at and access.sms_expires_at - valid + dt.timedelta(minutes=1) > now:
        return False  # one text a minute per household, whoever asks
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        access.sms_code = make_password(code)
        access.sms_expires_at = timezone.now() + dt.timedelta(
            minutes=settings.COSO_SMS_CODE_MINUTES
        )
        access.save(update_fields=["sms_code", "sms_expires_at"])
        notify(
            key=f"household-sms:{access.pk}:{access.sms_expires_at.isoformat()}",
            to=access.household.phone,
            channel="sms",
            subject="",
            body=_("Mã đăng nhập Coso của hộ: %(code)s (dùng trong %(n)s phút).")
            % {"code": code, "n": settings.COSO_SMS_CODE_MINUTES},
        )
        _log(None, access, "sms code sent")
    return True


def current(session: Any) -> HouseholdAccess | None:
    """The household signed in on this session, if its sign-in still stands."""
    held = session.get("household")
    if not held:
        return None
    access = (
        HouseholdAccess.objects.select_related("household", "household__village")
        .filter(pk=held.get("id"), generation=held.get("generation"), revoked_at__isnull=True)
        .first()
    )
    if access is None:
        session.pop("household", None)
    return access


def remember(session: Any, access: HouseholdAccess) -> None:
    session.cycle_key()
    session["household"] = {"id": access.pk, "generation": access.generation}
