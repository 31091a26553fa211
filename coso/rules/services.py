"""The rulebook: which version of a rule is in force, and what it computes."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit
from coso.core.dates import vn_date
from coso.core.errors import DomainError
from coso.rules import calendar
from coso.rules.models import PeriodUnit, Rule, RuleKind


class RuleMissing(DomainError, LookupError):
    """No version of the rule is in force on the date asked — a date before the law, or
    after its repeal. A DomainError, so every page and the API say so instead of failing."""


def _first_version(code: str) -> Rule | None:
    return Rule.objects.filter(code=code).order_by("effective_from").first()


def first_day(code: str) -> dt.date | None:
    """The first day any version of `code` was in force (None for an unknown code)."""
    first = _first_version(code)
    return first.effective_from if first else None


def _missing(code: str, day: dt.date) -> RuleMissing:
    first = _first_version(code)
    if first is None:
        return RuleMissing(_("Không có quy định mã “%(code)s”.") % {"code": code})
    return RuleMissing(
        _("Ngày %(day)s không có quy định “%(title)s” đang có hiệu lực (áp dụng từ %(first)s).")
        % {
            "day": vn_date(day),
            "title": first.title,
            "first": vn_date(first.effective_from),
        }
    )


def rule_in_force(code: str, *, on: dt.date | None = None) -> Rule:
    """The version of `code` in force on `on` (today when not given)."""
    day = on or timezone.localdate()
    rule = (
        Rule.objects.filter(code=code, effective_from__lte=day)
        .exclude(effective_to__lte=day)
        .first()
    )
    if rule is None:
        raise _missing(code, day)
    return rule


def value(code: str, *, on: dt.date | None = None) -> Any:
    """The rule's value in force on `on`: a number for counts and single periods,
    a dict for ratios and schedules, the list of items for catalogues."""
    return _shaped(rule_in_force(code, on=on))


def _shaped(rule: Rule) -> Any:
    data = rule.value
    if rule.kind == RuleKind.LIST:
        return data.get("items", [])
    if rule.kind == RuleKind.PERIOD and set(data) == {"default"}:
        return data["default"]
    if rule.kind == RuleKind.COUNT and set(data) == {"min"}:
        return data["min"]
    return data


def citation(code: str, *, on: dt.date | None = None) -> str:
    return rule_in_force(code, on=on).citation


def period_length(
    rule: Rule, *, remote_area: bool = False, complex_case: bool = False, variant: str | None = None
) -> int:
    """The number of days or months a period rule grants for the case's circumstances."""
    values = rule.value
    if variant:
        return int(values[variant])
    keys = []
    if remote_area and complex_case:
        keys.append("remote_complex")
    if remote_area:
        keys.append("remote")
    if complex_case:
        keys.append("complex")
    for key in [*keys, "default"]:
        if key in values:
            return int(values[key])
    raise RuleMissing(_("Quy định “%(code)s” không có thời hạn.") % {"code": rule.code})


def due_date(
    code: str,
    start: dt.date,
    *,
    remote_area: bool = False,
    complex_case: bool = False,
    variant: str | None = None,
    on: dt.date | None = None,
    suspended_days: int = 0,
) -> dt.date:
    """The last day of the period `code` grants from `start`.

    The version used is the one in force on `on`, by default on `start`: a case keeps
    the rule it started under. With `remote_area`, a rule `<code>.remote` is used where
    one exists, else the rule's own "remote" value.

    `suspended_days` are days the period did not run (a complaint's resolution suspended,
    LC art. 11a): the end moves by them before it is moved off a day off, so a clock that
    stopped on day S and ran again from day C ends `C - S` days later than it would have.
    """
    day = on or start
    rule = rule_in_force(code, on=day)
    if remote_area and Rule.objects.filter(code=f"{code}.remote").exists():
        # Remote, hard-to-reach areas have a rule of their own (LC arts. 28, 37).
        rule, remote_area = rule_in_force(f"{code}.remote", on=day), False
    if rule.kind != RuleKind.PERIOD:
        raise RuleMissing(_("Quy định “%(code)s” không phải là một thời hạn.") % {"code": code})
    length = period_length(
        rule, remote_area=remote_area, complex_case=complex_case, variant=variant
    )
    if rule.period_unit == PeriodUnit.WORKING_DAYS:
        end = calendar.add_working_days(start, length)
        if not suspended_days:
            return end
        return calendar.next_working_day(end + dt.timedelta(days=suspended_days))
    if rule.period_unit == PeriodUnit.MONTHS:
        end = calendar.add_months(start, length)
    else:
        end = start + dt.timedelta(days=length)
    end += dt.timedelta(days=suspended_days)
    return calendar.next_working_day(end) if rule.roll_to_working_day else end


def versions_between(code: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date, Any]]:
    """The versions of `code` in force during [start, end], each clipped to it, as
    (first day, last day, value) in order: a period that straddles a change of the law
    is judged part by part, each part by the rule of its days. One query."""
    return [part[:3] for part in versions_of([code], start, end)[code]]


def versions_of(
    codes: Sequence[str], start: dt.date, end: dt.date
) -> dict[str, list[tuple[dt.date, dt.date, Any, str]]]:
    """`versions_between` for several rules at once, each version with its citation:
    {code: [(first day, last day, value, citation)]}. One query."""
    rows = (
        Rule.objects.filter(code__in=list(codes), effective_from__lte=end)
        .exclude(effective_to__lte=start)
        .order_by("code", "effective_from")
    )
    parts: dict[str, list[tuple[dt.date, dt.date, Any, str]]] = {code: [] for code in codes}
    for rule in rows:
        last = rule.effective_to - dt.timedelta(days=1) if rule.effective_to else end
        first = max(start, rule.effective_from)
        parts[rule.code].append((first, min(end, last), _shaped(rule), rule.citation))
    return parts


def ratio_met(code: str, *, count: int, base: int, on: dt.date | None = None) -> bool:
    """Whether `count` out of `base` reaches the ratio rule (exactly, in integers)."""
    data = value(code, on=on)
    left, right = count * data["denominator"], base * data["numerator"]
    return left > right if data["strict"] else left >= right


@transaction.atomic
def rule_revise(
    *,
    actor: Any,
    code: str,
    value: dict[str, Any],
    effective_from: dt.date,
    citation: str | None = None,
    note: str = "",
) -> Rule:
    """Put a new version of `code` in force from `effective_from`; the current version
    ends that day and is kept. Nothing is overwritten."""
    current = Rule.objects.select_for_update().filter(code=code, effective_to__isnull=True).first()
    if current is None:
        raise DomainError(_("Không có quy định mã “%(code)s”.") % {"code": code}, field="code")
    if effective_from <= current.effective_from:
        raise DomainError(
            _("Phiên bản mới phải có hiệu lực sau ngày %(day)s của phiên bản hiện hành.")
            % {"day": current.effective_from.strftime("%d/%m/%Y")},
            field="effective_from",
        )
    before = audit.snapshot(current)
    current.effective_to = effective_from
    current.save(update_fields=["effective_to"])
    audit.log_update(actor=actor, obj=current, before=before, unit_id=None)
    revised = Rule.objects.create(
        code=code,
        title=current.title,
        kind=current.kind,
        period_unit=current.period_unit,
        value=value,
        roll_to_working_day=current.roll_to_working_day,
        citation=citation or current.citation,
        note=note,
        effective_from=effective_from,
        created_by=audit.acting_user(actor),
    )
    audit.log_create(actor=actor, obj=revised, unit_id=None)
    return revised


_VARIANTS = {
    "complex": _("vụ việc phức tạp"),
    "remote": _("vùng sâu, vùng xa"),
    "remote_complex": _("vùng sâu, vùng xa, phức tạp"),
    "extended": _("gia hạn"),
}
_BASES = {
    "all_households": _("tổng số hộ"),
    "present": _("số người dự họp"),
    "all_staff": _("tổng số người"),
    "all_villages": _("tổng số thôn, tổ dân phố"),
}
_PER = {"year": _("năm"), "quarter": _("quý"), "month": _("tháng"), "week": _("tuần")}


def describe(rule: Rule) -> str:
    """The rule's value in words, for lists and the admin."""
    data = rule.value
    if rule.kind == RuleKind.PERIOD:
        unit = rule.get_period_unit_display()
        extra = [f"{_VARIANTS.get(k, k)}: {n}" for k, n in data.items() if k != "default"]
        return f"{data['default']} {unit}" + (f" ({'; '.join(extra)})" if extra else "")
    if rule.kind == RuleKind.RATIO:
        sign = ">" if data["strict"] else "≥"
        base = _BASES.get(data["base"], data["base"])
        return f"{sign} {data['numerator']}/{data['denominator']} {base}"
    if rule.kind == RuleKind.LIST:
        return _("%(n)s mục") % {"n": len(data.get("items", []))}
    if rule.kind == RuleKind.FREQUENCY:
        return _("ít nhất %(n)s lần mỗi %(per)s") % {
            "n": data["times"],
            "per": _PER.get(data["per"], data["per"]),
        }
    if rule.kind in (RuleKind.COUNT, RuleKind.SCHEDULE):
        return ", ".join(f"{k}: {n}" for k, n in data.items())
    return "—"
