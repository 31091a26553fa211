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
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from coso.core import audit
from coso.core.codes import normalise, random_code
from coso.core.errors import DomainError
from coso.core.permissions import can
from coso.notices.selectors import sms_enabled
from coso.notices.services import notify, resident_choose
from coso.people import selectors as people
from coso.people.selectors import Household, head_name
from coso.residents.models import HouseholdAccess
from coso.residents.pins import pin_problem
from coso.residents.selectors import recipient
from coso.units.selectors import Unit

LOGIN_LENGTH = 8
ACTIVATION_LENGTH = 10


def _log(actor: Any, access: HouseholdAccess, what: str) -> None:
    audit.log_event(
        actor=actor,
        model="residents.householdaccess",
        record=access,
        unit_id=access.household.village_id,
        changes={"event": what},
    )


def issue_codes(
    *, actor: Any, village: Unit, households: list[Household] | None = None
) -> list[dict[str, str]]:
    """New one-time activation codes for the village's households (all, or those
    given), to print. A household that had a PIN must set a new one; its sessions end.
    Returns, per household, its login, the plain code (shown once, never stored) and
    its head's name for the slip (when the actor may read names)."""
    if not can(actor, "households.write", path=village.path):
        raise DomainError(_("Bạn không có quyền cấp mã cho hộ ở thôn, tổ này."), field="village")
    chosen = (
        households
        if households is not None
        else list(people.village_households(village=village).order_by("code"))
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
    heads = _heads(actor, village, [h.pk for h in chosen])
    for row, household in zip(sheet, chosen, strict=True):
        row["head"] = heads.get(household.pk) or ""
    return sheet


def _heads(actor: Any, village: Unit, ids: list[int]) -> dict[int, str]:
    """Each household's head, to name on its slip (one query), when the actor may read
    residents' names there."""
    if not can(actor, "personal.read", path=village.path):
        return {}
    rows = people.village_households(village=village).filter(pk__in=ids)
    rows = rows.annotate(head=head_name("id"))
    return dict(rows.values_list("id", "head"))


def issue_summary(*, village: Unit) -> dict[str, int]:
    """What issuing codes for every household of the village cancels: how many
    households, how many PINs in use and unused activation codes (one query)."""
    return people.village_households(village=village).aggregate(
        households=Count("id"),
        pins=Count("id", filter=Q(access__pin_set_at__isnull=False, access__revoked_at=None)),
        waiting=Count("id", filter=Q(access__activation__gt="", access__revoked_at=None)),
    )


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


# An unusable password (Django's "!" prefix): checking a secret against it still runs
# the default hasher once (django.contrib.auth.hashers.verify_password), so a login
# that does not exist, or is locked, or has no secret to check, costs the same one hash
# as a known login with a wrong PIN.
NOTHING = "!"


def _wrong() -> DomainError:
    """One answer for a wrong secret, an unknown login and a locked one: it tells no
    one which logins exist. It names the fields as the sign-in form labels them."""
    return DomainError(
        _(
            "Mã đăng nhập của hộ, hoặc mã kích hoạt, mã PIN, mã nhận qua tin nhắn không "
            "đúng. Hãy kiểm tra lại."
        ),
        field="secret",
    )


def _refuse(access: HouseholdAccess) -> DomainError:
    """Count a wrong secret in the database itself (two guesses at once both count);
    the fifth locks the login and ends its open sessions."""
    HouseholdAccess.objects.filter(pk=access.pk).update(failures=F("failures") + 1)
    locked = HouseholdAccess.objects.filter(
        pk=access.pk, failures__gte=settings.COSO_HOUSEHOLD_ATTEMPTS
    ).update(
        failures=0,
        locked_until=timezone.now() + dt.timedelta(minutes=settings.COSO_HOUSEHOLD_LOCK_MINUTES),
        # Whoever guessed the secret may already hold a session: it ends with the lock.
        generation=F("generation") + 1,
    )
    if locked:
        _log(None, access, "locked")
    return _wrong()


def _find(login: str) -> HouseholdAccess | None:
    return (
        HouseholdAccess.objects.select_related("household").filter(login=normalise(login)).first()
    )


def _sms_digest(access: HouseholdAccess, code: str) -> str:
    """The SMS code as kept: keyed with the site's secret key (not in the database) and
    bound to the household. A six-digit code living ten minutes gains nothing from a
    slow password hash, and a keyed digest costs microseconds, so checking it beside
    the one password hash changes no timing."""
    return salted_hmac("coso.residents.sms", f"{access.pk}:{code}", algorithm="sha256").hexdigest()


def _sms_matches(access: HouseholdAccess, secret: str, now: dt.datetime) -> bool:
    live = bool(access.sms_code) and access.sms_expires_at is not None
    return (
        live
        and access.sms_expires_at > now  # type: ignore[operator]
        and constant_time_compare(_sms_digest(access, secret), access.sms_code)
    )


def _matched(access: HouseholdAccess | None, secret: str, now: dt.datetime) -> str:
    """Which of the login's secrets `secret` is ("activation", "pin", "sms"), or "" —
    after exactly one password hash, whatever the login. A login waiting for activation
    has no PIN (issuing codes clears it), so its one hashed secret is the activation
    code, otherwise its PIN; no login to check (unknown, locked, withdrawn) or no PIN
    yet is checked against `NOTHING`, which costs the same."""
    if access is None:
        check_password(secret, NOTHING)
        return ""
    if access.activation:
        if check_password(normalise(secret), access.activation):
            return "activation"
    elif check_password(secret, access.pin or NOTHING):
        return "pin"
    return "sms" if secret and _sms_matches(access, secret, now) else ""


def sign_in(*, login: str, secret: str) -> tuple[HouseholdAccess, bool]:
    """Check a login with its one-time activation code, its PIN or an SMS code. Returns
    the access and whether the household must now choose a PIN (after activation).
    Every path runs one password hash (`_matched`): the time taken tells no one which
    logins exist or are locked."""
    access = _find(login)
    usable = access is not None and access.revoked_at is None and not _locked(access)
    how = _matched(access if usable else None, secret.strip(), timezone.now())
    if not how or access is None:
        if usable and access is not None:
            raise _refuse(access)  # counted outside any transaction: the count stays
        raise _wrong()  # unknown, locked or withdrawn: the same answer, nothing counted
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
    """A new PIN, refused when it is one of the first guesses anyone would try
    (`coso.residents.pins`). It ends every other session of the household (this one
    continues)."""
    pin = pin.strip()
    problem = pin_problem(pin, household_code=access.household.code, login=access.login)
    if problem:
        raise DomainError(problem, field="pin")
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
    if access is None or access.revoked_at is not None or _locked(access):
        return False
    if not access.household.phone:
        return False
    now = timezone.now()
    valid = dt.timedelta(minutes=settings.COSO_SMS_CODE_MINUTES)
    if access.sms_expires_at and access.sms_expires_at - valid + dt.timedelta(minutes=1) > now:
        return False  # one text a minute per household, whoever asks
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        access.sms_code = _sms_digest(access, code)
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


def notices_choose(*, access: HouseholdAccess, choice: str) -> None:
    """The signed-in household chooses how it is told — SMS or Zalo to the phone on the
    household list — or stops notices; audited as its other acts are."""
    household = access.household
    with transaction.atomic():
        resident_choose(recipient=recipient(household), choice=choice, phone=household.phone)
        _log(None, access, f"notices: {choice}")


def current(session: Any) -> HouseholdAccess | None:
    """The household signed in on this session, if its sign-in still stands (with its
    village and `head_name`). Read once per request: the page and its header share it."""
    held = session.get("household")
    if not held:
        return None
    key = (held.get("id"), held.get("generation"))
    cached = getattr(session, "_coso_household", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    access = (
        HouseholdAccess.objects.select_related("household__village__parent", "household__province")
        .annotate(head_name=head_name("household_id"))
        .filter(pk=key[0], generation=key[1], revoked_at__isnull=True)
        .first()
    )
    if access is None:
        session.pop("household", None)
    else:
        session._coso_household = (key, access)
    return access


def remember(session: Any, access: HouseholdAccess) -> None:
    session.cycle_key()
    session["household"] = {"id": access.pk, "generation": access.generation}


def forget(session: Any) -> None:
    """Sign the household out of this session."""
    session.pop("household", None)
    session._coso_household = None
