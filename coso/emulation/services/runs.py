"""Runs: a set applied to the units of its kind under a province (or a commune) for a
period. Computing reads every unit's figures at once (by_sub_unit: a fixed number of
queries whatever the number of units), writes each unit's lines, and totals and ranks
them in SQL; then draft → published for objections → final, each move a conditional
update (coso.core.transitions) with its audit entry."""

from decimal import Decimal
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit, indicators
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.core.permissions import can
from coso.core.transitions import transition
from coso.core.uploads import check_upload
from coso.emulation import scoring
from coso.emulation.models import (
    Answer,
    CriteriaSet,
    Criterion,
    Grade,
    Line,
    Objection,
    Result,
    Run,
    Source,
    Status,
)
from coso.reports import period_parse
from coso.reports.selectors import Formulas, by_sub_unit, formulas_of, value_of
from coso.units.selectors import Unit, UnitKind, ancestors, current_units


def may_assess(actor: Any, run: Run) -> bool:
    """The assessing body: who may write emulation over the run's whole scope."""
    return can(actor, "emulation.write", path=run.scope.path)


def _may_write(actor: Any, run: Run) -> None:
    if not may_assess(actor, run):
        raise DomainError(_("Bạn không có quyền chấm điểm thi đua ở phạm vi này."))


def run_create(*, actor: Any, criteria_set: CriteriaSet, scope: Unit, period: str) -> Run:
    """A draft run of `criteria_set` over its kind of units under `scope`, computed."""
    if not can(actor, "emulation.write", path=scope.path):
        raise DomainError(_("Bạn không có quyền chấm điểm thi đua ở phạm vi này."), field="scope")
    if scope.kind not in (UnitKind.PROVINCE, UnitKind.COMMUNE) or not scope.path.startswith(
        criteria_set.owner.path
    ):
        raise DomainError(
            _("Phạm vi phải là tỉnh hoặc xã thuộc cơ quan lập bộ tiêu chí."), field="scope"
        )
    found = period_parse(period)
    if found.end.year != criteria_set.year:
        raise DomainError(
            _("Kỳ chấm phải thuộc năm %(year)s của bộ tiêu chí.") % {"year": criteria_set.year},
            field="period",
        )
    with transaction.atomic():
        run = Run.objects.create(
            criteria_set=criteria_set,
            scope=scope,
            period=found.code,
            period_start=found.start,
            period_end=found.end,
            created_by=audit.acting_user(actor),
        )
        audit.log_create(actor=actor, obj=run, unit_id=scope.pk)
        run_compute(actor=actor, run=run)
    return run


def latest_version(criteria_set: CriteriaSet) -> CriteriaSet:
    """The newest version of the set (a weight changed after a final run made one)."""
    return (
        CriteriaSet.objects.filter(
            owner_id=criteria_set.owner_id,
            year=criteria_set.year,
            kind=criteria_set.kind,
            name=criteria_set.name,
        )
        .order_by("-version")
        .first()
        or criteria_set
    )


def _units(run: Run, kind: str) -> list[Unit]:
    qs = current_units().filter(path__startswith=run.scope.path, kind=kind)
    return list(qs.exclude(pk=run.scope_id).order_by("name", "pk"))


def scope_figures(scope: Unit, period: Any) -> dict[int, dict[str, int]]:
    """Every reporting unit's figures under `scope`, from the province's per-unit rows
    (two queries; a commune's scope reads its province's and keeps its own units)."""
    province = scope if scope.kind == UnitKind.PROVINCE else ancestors(unit=scope)[0]
    rows = by_sub_unit(unit=province, period=period)
    return {row.unit.pk: row.values for row in rows if row.unit.path.startswith(scope.path)}


def _value(
    criterion: Criterion, values: dict[str, int], formulas: Formulas | None
) -> Decimal | None:
    found = value_of(criterion.indicator, values, formulas)
    return None if found is None else scoring.quantize(found)


def _line(
    result: Result, criterion: Criterion, values: dict[str, int], kept: dict, formulas: Any
) -> Line:
    """A unit's line: an automatic criterion's figure and points, or an assessed
    criterion's score kept from before (capped at its weight now)."""
    if criterion.source == Source.AUTOMATIC:
        value = _value(criterion, values, formulas)
        return Line(
            result=result,
            criterion=criterion,
            value=value,
            points=scoring.points(criterion.scoring, criterion.weight, value, criterion.rule),
        )
    before = kept.get((result.unit_id, criterion.code), {})
    points = before.get("points")
    capped = (
        scoring.ZERO if points is None else scoring.points("points", criterion.weight, points, {})
    )
    return Line(result=result, criterion=criterion, **{**before, "points": capped})


KEPT = (
    "points",
    "note",
    "evidence",
    "evidence_name",
    "evidence_type",
    "evidence_size",
    "scored_by_id",
    "scored_at",
)


def run_compute(*, actor: Any, run: Run) -> Run:
    """(Re)compute a draft run from the figures, with the newest version of its set;
    the assessed scores already given are kept."""
    _may_write(actor, run)
    criteria_set = latest_version(run.criteria_set)
    criteria = list(criteria_set.criteria.all())
    units = _units(run, criteria_set.kind)
    if not units or not criteria:
        raise DomainError(_("Không có đơn vị hoặc tiêu chí nào để chấm."))
    period = period_parse(run.period)
    figures = scope_figures(run.scope, period)
    # The indices' formulas of the run's period, read once for every unit (an index
    # criterion such as index.participation is computed by them).
    formulas = formulas_of(period)
    assessed = Line.objects.filter(result__run=run, criterion__source=Source.ASSESSED)
    kept = {
        (r.pop("result__unit_id"), r.pop("criterion__code")): r
        for r in assessed.exclude(scored_at=None).values(
            "result__unit_id", "criterion__code", *KEPT
        )
    }
    with transaction.atomic():
        transition(
            run,
            actor=actor,
            unit_id=run.scope_id,
            from_states=(Status.DRAFT,),
            fields={"computed_at": timezone.now(), "criteria_set": criteria_set},
            message=_("Chỉ tính lại khi kết quả còn là dự thảo."),
        )
        Result.objects.filter(run=run).delete()
        results = Result.objects.bulk_create(Result(run=run, unit=u) for u in units)
        Line.objects.bulk_create(
            _line(r, c, figures.get(r.unit_id, {}), kept, formulas)
            for r in results
            for c in criteria
        )
        retotal(run)
    return run


def retotal(run: Run) -> None:
    """Each unit's total as the sum of its lines (in SQL), then ranks and classes."""
    zero = Value(scoring.ZERO, output_field=DecimalField(max_digits=7, decimal_places=2))
    sums = Line.objects.filter(result=OuterRef("pk")).values("result").annotate(s=Sum("points"))
    Result.objects.filter(run=run).update(total=Coalesce(Subquery(sums.values("s")), zero))
    rows = list(Result.objects.filter(run=run).values_list("pk", "total"))
    places = scoring.ranks([total for _pk, total in rows])
    grades = CriteriaSet.objects.values_list("grades", flat=True).get(runs=run)
    Result.objects.bulk_update(
        [
            Result(pk=pk, rank=rank, tied=tied, grade=scoring.grade(total, grades, Grade.AVERAGE))
            for (pk, total), (rank, tied) in zip(rows, places, strict=True)
        ],
        ["rank", "tied", "grade"],
    )


def line_score(
    *, actor: Any, line: Line, points: Decimal, note: str = "", evidence: UploadedFile | None = None
) -> Line:
    """The assessing body scores an assessed line of a draft run, with its evidence (a
    note, a file, or both)."""
    run = line.result.run
    _may_write(actor, run)
    criterion = line.criterion
    if criterion.source != Source.ASSESSED:
        raise DomainError(_("Tiêu chí này tính tự động từ số liệu."), field="points")
    if points is None or not 0 <= points <= criterion.weight:
        raise DomainError(
            _("Điểm phải từ 0 đến %(max)s.") % {"max": criterion.weight}, field="points"
        )
    if not note.strip() and evidence is None:
        raise DomainError(_("Cần ghi nhận xét hoặc gửi tệp minh chứng."), field="note")
    check_lengths(Line, note=note)
    fields: dict[str, Any] = {
        "points": scoring.quantize(points),
        "note": note.strip(),
        "scored_by": audit.acting_user(actor),
        "scored_at": timezone.now(),
    }
    with transaction.atomic():
        if evidence is not None:
            content_type = check_upload(evidence)
            stored = default_storage.save(
                timezone.localdate().strftime("emulation/%Y/%m/") + (evidence.name or "minh-chung"),
                evidence,
            )
            fields |= {
                "evidence": stored,
                "evidence_name": (evidence.name or "")[:200],
                "evidence_type": content_type,
                "evidence_size": evidence.size or 0,
            }
        transition(
            line,
            actor=actor,
            from_states=None,
            where={"result__run__status": Status.DRAFT},
            fields=fields,
            unit_id=line.result.unit_id,
            message=_("Chỉ chấm điểm khi kết quả còn là dự thảo."),
            field="points",
        )
        retotal(run)
    return line


def run_publish(*, actor: Any, run: Run) -> Run:
    """Publish a draft for objections: each unit sees its breakdown and may object
    until the deadline the rulebook sets (`emulation.objection_days`)."""
    _may_write(actor, run)
    unscored = Line.objects.filter(
        result__run=run, criterion__source=Source.ASSESSED, scored_at=None
    )
    if unscored.exists():
        raise DomainError(_("Còn tiêu chí chưa được cơ quan đánh giá chấm điểm."))
    today = timezone.localdate()
    deadline = rules.due_date("emulation.objection_days", today)
    return transition(
        run,
        actor=actor,
        unit_id=run.scope_id,
        from_states=(Status.DRAFT,),
        to=Status.OBJECTIONS,
        fields={"published_at": timezone.now(), "objection_deadline": deadline},
    )


def run_finalise(*, actor: Any, run: Run) -> Run:
    """Make the result final once the deadline has passed and every objection has its
    answer; the set is frozen from then on."""
    _may_write(actor, run)
    if run.objection_deadline and timezone.localdate() <= run.objection_deadline:
        raise DomainError(_("Chưa hết hạn kiến nghị của các đơn vị."))
    if Objection.objects.filter(line__result__run=run, status=Answer.OPEN).exists():
        raise DomainError(_("Còn kiến nghị chưa được trả lời."))
    with transaction.atomic():
        transition(
            run,
            actor=actor,
            unit_id=run.scope_id,
            from_states=(Status.OBJECTIONS,),
            to=Status.FINAL,
            fields={"finalised_at": timezone.now()},
        )
        for unit_id in run.results.values_list("unit_id", flat=True):
            indicators.touched("emulation", unit_id, [run.period_end])
    return run
