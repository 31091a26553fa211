"""Loads the catalogue of legal rules into the rulebook (data migration 0002)."""

from typing import Any

from coso.rules.catalogue import NOT_ROLLED, RULES


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
