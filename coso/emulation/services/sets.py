"""Criteria sets: made by the assessing body, their criteria and class thresholds as
data. A set some final run used is frozen (that run's scores must stay explainable by
the set they were computed with): a change then makes the set's next version, which
the caller gets back; a set no run has made final changes in place."""

import dataclasses
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.core.permissions import can
from coso.emulation.models import CriteriaSet, Criterion, Grade, Kind, Scoring, Source, Status
from coso.emulation.scoring import quantize
from coso.reports.selectors import label_of
from coso.units.selectors import Unit, UnitKind

MAX_WEIGHT = Decimal("1000")  # a criterion's points: what its column holds, with room


@dataclasses.dataclass
class CriterionData:
    code: str
    label: str
    weight: Decimal
    source: str
    scoring: str
    indicator: str = ""
    rule: dict[str, Any] = dataclasses.field(default_factory=dict)


def _may_write(actor: Any, owner: Unit) -> None:
    if not can(actor, "emulation.write", path=owner.path):
        raise DomainError(_("Bạn không có quyền sửa bộ tiêu chí thi đua ở đơn vị này."))


def known_code(code: str) -> bool:
    """A code the figures answer: an indicator, a ratio, or an index (`index.*`, which
    value_of answers from the maintained figures)."""
    return code.startswith("index.") or label_of(code) != code


def _number(value: Any, field: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise DomainError(_("Tham số cách tính điểm phải là số."), field=field) from error


def _check_rule(data: CriterionData) -> dict[str, Any]:
    """The rule's parameters, checked for its kind of scoring."""
    if data.scoring == Scoring.LINEAR:
        floor, target = (_number(data.rule.get(k), "rule") for k in ("floor", "target"))
        return {"floor": float(floor), "target": float(target)}
    if data.scoring == Scoring.THRESHOLDS:
        steps = data.rule.get("steps") or []
        checked = [[float(_number(a, "rule")), float(_number(b, "rule"))] for a, b in steps]
        if not checked or not all(0 <= share <= 100 for _least, share in checked):
            raise DomainError(_("Mỗi bậc ghi mức đạt và tỷ lệ điểm từ 0 đến 100."), field="rule")
        return {"steps": checked}
    return {}


def _check(data: CriterionData) -> CriterionData:
    if not slugify(data.code) == data.code or not data.label.strip():
        raise DomainError(_("Cần mã (chữ thường, số, gạch nối) và tên tiêu chí."), field="code")
    if not Decimal(0) < Decimal(data.weight) <= MAX_WEIGHT:
        raise DomainError(_("Điểm tối đa phải lớn hơn 0 và không quá 1000."), field="weight")
    if data.source not in Source.values or data.scoring not in Scoring.values:
        raise DomainError(_("Nguồn hoặc cách tính điểm không hợp lệ."), field="source")
    assessed = data.source == Source.ASSESSED
    if assessed != (data.scoring == Scoring.POINTS):
        raise DomainError(
            _(
                "Tiêu chí do cơ quan đánh giá chấm thì chấm điểm trực tiếp; tiêu chí tự động "
                "tính từ số liệu."
            ),
            field="scoring",
        )
    if not assessed and not known_code(data.indicator):
        raise DomainError(
            _("Chỉ tiêu “%(code)s” không có trong danh mục số liệu.") % {"code": data.indicator},
            field="indicator",
        )
    check_lengths(Criterion, code=data.code, label=data.label, indicator=data.indicator)
    return dataclasses.replace(
        data,
        label=data.label.strip(),
        weight=quantize(data.weight),
        indicator="" if assessed else data.indicator,
        rule=_check_rule(data),
    )


def _check_grades(grades: Mapping[str, Any]) -> dict[str, float]:
    keys = [g for g in Grade.values if g != Grade.AVERAGE]
    try:
        values = {key: float(Decimal(str(grades[key]))) for key in keys}
    except (KeyError, InvalidOperation) as error:
        raise DomainError(_("Cần điểm tối thiểu của mỗi mức xếp loại."), field="grades") from error
    ordered = [values[key] for key in keys]
    if ordered != sorted(ordered, reverse=True) or min(ordered) < 0:
        raise DomainError(
            _("Điểm tối thiểu phải giảm dần: Xuất sắc ≥ Tốt ≥ Khá ≥ 0."), field="grades"
        )
    return values


def _add(criteria_set: CriteriaSet, items: Sequence[CriterionData], start: int = 0) -> None:
    Criterion.objects.bulk_create(
        Criterion(criteria_set=criteria_set, order=start + n, **dataclasses.asdict(d))
        for n, d in enumerate(items, 1)
    )


def set_create(
    *,
    actor: Any,
    owner: Unit,
    year: int,
    kind: str,
    name: str,
    criteria: Sequence[CriterionData] = (),
    grades: Mapping[str, Any] | None = None,
) -> CriteriaSet:
    """A new set at the assessing body's unit (a province, or a commune for its
    agencies and enterprises); the class thresholds default to the rulebook's."""
    _may_write(actor, owner)
    if owner.kind not in (UnitKind.PROVINCE, UnitKind.COMMUNE) or kind not in Kind.values:
        raise DomainError(
            _("Bộ tiêu chí do tỉnh hoặc xã lập, cho xã, cơ quan hoặc doanh nghiệp."), field="kind"
        )
    if not name.strip():
        raise DomainError(_("Cần ghi tên bộ tiêu chí."), field="name")
    checked = [_check(c) for c in criteria]
    thresholds = _check_grades(grades or rules.value("emulation.grades"))
    check_lengths(CriteriaSet, name=name)
    try:
        with transaction.atomic():
            created = CriteriaSet.objects.create(
                owner=owner,
                year=year,
                kind=kind,
                name=name.strip(),
                grades=thresholds,
                created_by=audit.acting_user(actor),
            )
            _add(created, checked)
            audit.log_create(actor=actor, obj=created, unit_id=owner.pk)
    except IntegrityError as error:
        raise DomainError(_("Đã có bộ tiêu chí cùng tên cho năm này."), field="name") from error
    return created


def is_frozen(criteria_set: CriteriaSet) -> bool:
    return criteria_set.runs.filter(status=Status.FINAL).exists()


def _editable(actor: Any, criteria_set: CriteriaSet) -> CriteriaSet:
    """The set itself, or — once a final run used it — its next version, a copy."""
    _may_write(actor, criteria_set.owner)
    if not is_frozen(criteria_set):
        return criteria_set
    latest = (
        CriteriaSet.objects.filter(
            owner=criteria_set.owner,
            year=criteria_set.year,
            kind=criteria_set.kind,
            name=criteria_set.name,
        )
        .order_by("-version")
        .first()
    )
    copy = CriteriaSet.objects.create(
        owner=criteria_set.owner,
        year=criteria_set.year,
        kind=criteria_set.kind,
        name=criteria_set.name,
        version=(latest or criteria_set).version + 1,
        grades=criteria_set.grades,
        previous=criteria_set,
        created_by=audit.acting_user(actor),
    )
    fields = ("code", "label", "order", "weight", "source", "indicator", "scoring", "rule")
    Criterion.objects.bulk_create(
        Criterion(criteria_set=copy, **{f: getattr(c, f) for f in fields})
        for c in criteria_set.criteria.all()
    )
    audit.log_create(actor=actor, obj=copy, unit_id=copy.owner_id)
    return copy


def criterion_add(*, actor: Any, criteria_set: CriteriaSet, data: CriterionData) -> Criterion:
    """Add a criterion (to the set's next version if the set is frozen)."""
    checked = _check(data)
    try:
        with transaction.atomic():
            target = _editable(actor, criteria_set)
            last = target.criteria.order_by("-order").values_list("order", flat=True).first()
            _add(target, [checked], start=last or 0)
            criterion = target.criteria.get(code=checked.code)
            audit.log_create(actor=actor, obj=criterion, unit_id=target.owner_id)
    except IntegrityError as error:
        raise DomainError(_("Bộ tiêu chí đã có mã này."), field="code") from error
    return criterion


def criterion_weight_set(*, actor: Any, criterion: Criterion, weight: Decimal) -> Criterion:
    """Change a criterion's points; draft runs take it when recomputed. Returns the
    criterion changed (the next version's, if the set was frozen)."""
    if not Decimal(0) < Decimal(weight) <= MAX_WEIGHT:
        raise DomainError(_("Điểm tối đa phải lớn hơn 0 và không quá 1000."), field="weight")
    with transaction.atomic():
        target = _editable(actor, criterion.criteria_set)
        changed = target.criteria.get(code=criterion.code)
        before = audit.snapshot(changed)
        changed.weight = quantize(weight)
        changed.save(update_fields=["weight"])
        audit.log_update(actor=actor, obj=changed, before=before, unit_id=target.owner_id)
    return changed


def grades_set(*, actor: Any, criteria_set: CriteriaSet, grades: Mapping[str, Any]) -> CriteriaSet:
    """Change the class thresholds (the set's next version if frozen)."""
    thresholds = _check_grades(grades)
    with transaction.atomic():
        target = _editable(actor, criteria_set)
        before = audit.snapshot(target)
        target.grades = thresholds
        target.save(update_fields=["grades", "updated_at"])
        audit.log_update(actor=actor, obj=target, before=before, unit_id=target.owner_id)
    return target
