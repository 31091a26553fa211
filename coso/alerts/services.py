"""Writes of the alerts app: the daily scan that opens and closes warnings, and what an
official does with one — acknowledge it, or turn it into a follow-up."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.alerts import checks
from coso.alerts.models import Closed, Warning
from coso.core import audit, indicators
from coso.core.errors import DomainError
from coso.core.permissions import can
from coso.followups.services import Promise, followup_create
from coso.reports.services import periods_between, refresh
from coso.rules.services import RuleMissing, rule_in_force

Key = tuple[int, str, str]  # (unit id, rule, key)


@dataclass(frozen=True)
class Scan:
    opened: int
    closed: int


@dataclass(frozen=True)
class _Rule:
    code: str
    checked: checks.Checked
    about: dict[str, Any]  # the rule as the warning records it: title, citation, version


def _checked(today: dt.date) -> list[_Rule]:
    """Every warning rule in force today, checked (a fixed few queries each)."""
    done = []
    for code in checks.CODES:
        try:
            rule = rule_in_force(code, on=today)
        except RuleMissing:  # not in force today: its warnings are left as they are
            continue
        about = {
            "title": rule.title,
            "citation": rule.citation,
            "version": rule.effective_from.isoformat(),
        }
        done.append(_Rule(code, checks.check(rule.value, today), about))
    return done


def _known(done: list[_Rule]) -> dict[Key, tuple[int, bool]]:
    """The warnings open now, and those turned into a follow-up for a key found again
    (never opened twice): {(unit, rule, key): (id, open)} — one query."""
    keys = {f.key for r in done for f in r.checked.found}
    rows = Warning.objects.filter(rule__in=[r.code for r in done]).filter(
        Q(closed_on__isnull=True) | Q(closed_how=Closed.FOLLOWUP, key__in=keys)
    )
    return {
        (unit_id, rule, key): (pk, closed_on is None)
        for pk, unit_id, rule, key, closed_on in rows.values_list(
            "pk", "unit_id", "rule", "key", "closed_on"
        )
    }


def _to_open(
    done: list[_Rule], known: dict[Key, tuple[int, bool]], today: dt.date
) -> list[Warning]:
    return [
        Warning(
            unit_id=f.unit_id,
            province_id=f.province_id,
            rule=r.code,
            key=f.key,
            opened_on=today,
            details={**r.about, **f.details},
        )
        for r in done
        for f in r.checked.found
        if (f.unit_id, r.code, f.key) not in known
    ]


def _to_close(done: list[_Rule], known: dict[Key, tuple[int, bool]]) -> dict[int, int]:
    """The open warnings whose rule was checked for their key and did not find them
    again: {id: unit id}."""
    found = {(f.unit_id, r.code, f.key) for r in done for f in r.checked.found}
    settles = {r.code: r.checked.keys for r in done}
    return {
        pk: unit_id
        for (unit_id, rule, key), (pk, is_open) in known.items()
        if is_open
        and (settles[rule] is None or key in settles[rule])  # type: ignore[operator]
        and (unit_id, rule, key) not in found
    }


def warnings_scan(*, today: dt.date) -> Scan:
    """Open a warning for every breach found today not already warned of, close those
    whose cause is gone (`coso warnings scan`, daily; idempotent). A fixed number of
    queries whatever the nation's size: the checks, one read of the warnings known, one
    insert, one update, the audit entry and the warnings' own figures."""
    done = _checked(today)
    with transaction.atomic():
        known = _known(done)
        new = _to_open(done, known, today)
        # Two scans at once: the partial unique constraint keeps one open warning.
        Warning.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
        gone = _to_close(done, known)
        if gone:
            Warning.objects.filter(pk__in=list(gone), closed_on__isnull=True).update(
                closed_on=today, closed_how=Closed.CAUSE_GONE
            )
        audit.log_event(
            actor=None,
            model="alerts.warning",
            object_pk="scan",
            unit_id=None,
            changes={"on": today.isoformat(), "opened": len(new), "closed": len(gone)},
        )
        _refresh({w.unit_id for w in new} | set(gone.values()), today)
    return Scan(len(new), len(gone))


def _refresh(unit_ids: set[int], today: dt.date) -> None:
    """The warnings' figures of the periods under way, for the units that changed (a
    fixed handful of queries per period, whatever their number)."""
    if not unit_ids:
        return
    from coso.alerts.indicators import SOURCE

    for period in periods_between(today, today):
        refresh(source=SOURCE, period=period, unit_ids=sorted(unit_ids))


def _check(actor: Any, warning: Warning) -> None:
    if not can(actor, "warnings.write", path=warning.unit.path):
        raise DomainError(_("Bạn không có quyền xử lý cảnh báo của đơn vị này."))


def warning_acknowledge(*, actor: Any, warning: Warning) -> Warning:
    """An official of the unit (or above) says the warning was seen (audited); once."""
    _check(actor, warning)
    with transaction.atomic():
        now = timezone.now()
        changed = Warning.objects.filter(pk=warning.pk, acknowledged_at__isnull=True).update(
            acknowledged_by=audit.acting_user(actor), acknowledged_at=now
        )
        if not changed:
            raise DomainError(_("Cảnh báo này đã được tiếp nhận."))
        audit.log_event(
            actor=actor, model="alerts.warning", record=warning, changes={"acknowledged": True}
        )
    warning.refresh_from_db()
    return warning


def warning_to_followup(
    *, actor: Any, warning: Warning, text: str, owner_name: str, due_on: dt.date
) -> Warning:
    """Turn an open warning into a follow-up of its unit, with an owner and a due date:
    the warning closes (and is not opened again for the same key); the follow-up is
    tracked until done."""
    _check(actor, warning)
    today = timezone.localdate()
    with transaction.atomic():
        locked = Warning.objects.select_for_update().select_related("unit").get(pk=warning.pk)
        if locked.closed_on is not None:
            raise DomainError(_("Cảnh báo này đã đóng."))
        promise = Promise(
            text=text, unit=locked.unit, owner_name=owner_name, due_on=due_on, opened_on=today
        )
        label = str(locked.details.get("title", locked.rule))
        followup = followup_create(actor=actor, origin=locked, label=label, promise=promise)
        Warning.objects.filter(pk=locked.pk).update(
            followup=followup,
            closed_on=today,
            closed_how=Closed.FOLLOWUP,
            acknowledged_by=locked.acknowledged_by or audit.acting_user(actor),
            acknowledged_at=locked.acknowledged_at or timezone.now(),
        )
        audit.log_event(
            actor=actor,
            model="alerts.warning",
            record=locked,
            changes={"followup": followup.pk, "closed_how": Closed.FOLLOWUP},
        )
        indicators.touched("warnings", locked.unit_id, [today])
    locked.refresh_from_db()
    return locked
