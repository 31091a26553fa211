"""Loads the catalogue of legal rules into the rulebook (data migrations 0002 onwards)."""

import datetime as dt
from typing import Any

from coso.rules.catalogue import NOT_ROLLED, REVISIONS, RULES


def load_catalogue(rule_model: Any) -> int:
    """Create every catalogue rule whose code is not in the rulebook yet; idempotent."""
    present = set(rule_model.objects.values_list("code", flat=True))
    new = [
        rule_model(
            code=code,
            title=title,
            kind=kind,
            period_unit=unit,
            value=value,
            roll_to_working_day=code not in NOT_ROLLED,
            citation=citation,
            note=note,
            effective_from=effective_from,
        )
        for code, title, kind, unit, value, citation, effective_from, note in RULES
        if code not in present
    ]
    rule_model.objects.bulk_create(new)
    return len(new)


def correct_catalogue(rule_model: Any) -> int:
    """Give each rule's first version the catalogue's citation, note and date of effect.

    These are corrections of what was written, not changes of the law: a database that
    loaded an older catalogue ends up as one built from this one. Idempotent."""
    changed = 0
    for code, _title, _kind, _unit, _value, citation, effective_from, note in RULES:
        first = rule_model.objects.filter(code=code).order_by("effective_from").first()
        if first is None:
            continue
        fields = {"citation": citation, "note": note, "effective_from": effective_from}
        if first.effective_to is not None and effective_from >= first.effective_to:
            del fields["effective_from"]  # never a version that ends before it starts
        if any(getattr(first, name) != value for name, value in fields.items()):
            rule_model.objects.filter(pk=first.pk).update(**fields)
            changed += 1
    return changed


def load_revisions(rule_model: Any) -> int:
    """Put each catalogue revision in force from its date: the version open then ends
    that day and is kept. A revision already loaded is skipped; idempotent."""
    made = 0
    for code, value, citation, effective_from, note in REVISIONS:
        if rule_model.objects.filter(code=code, effective_from=effective_from).exists():
            continue
        current = rule_model.objects.filter(code=code, effective_to__isnull=True).first()
        if current is None or current.effective_from >= effective_from:
            continue  # a later version was entered by hand: it stands
        _revise(rule_model, current, value, citation, effective_from, note)
        made += 1
    return made


def _revise(
    rule_model: Any,
    current: Any,
    value: dict[str, Any],
    citation: str,
    effective_from: dt.date,
    note: str,
) -> None:
    rule_model.objects.filter(pk=current.pk).update(effective_to=effective_from)
    rule_model.objects.create(
        code=current.code,
        title=current.title,
        kind=current.kind,
        period_unit=current.period_unit,
        value=value,
        roll_to_working_day=current.roll_to_working_day,
        citation=citation,
        note=note,
        effective_from=effective_from,
    )
