"""Registering models, their photos, evaluation, recognition and replication."""

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit, indicators
from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.limits import check_lengths, check_lengths_of
from coso.core.permissions import can, can_nationwide
from coso.core.transitions import transition
from coso.core.uploads import check_uploads, stored_files
from coso.exemplars.models import (
    Criterion,
    Evaluation,
    Exemplar,
    Field,
    Level,
    Photo,
    Recognition,
    Sponsor,
    Status,
    Verdict,
)
from coso.people.services import province_id_of
from coso.units.selectors import Unit, UnitKind

LEVEL_OF_UNIT = {
    UnitKind.COMMUNE: Level.COMMUNE,
    UnitKind.AGENCY: Level.AGENCY,
    UnitKind.ENTERPRISE: Level.AGENCY,
    UnitKind.PROVINCE: Level.PROVINCE,
}
# Who recognises at each level — the commune's, the province's or the centre's
# committee — is the matrix's to say (coso/exemplars/manifest.py).
RECOGNISE = {
    Level.COMMUNE: "exemplars.recognise_commune",
    Level.PROVINCE: "exemplars.recognise_province",
    Level.CENTRAL: "exemplars.recognise_central",
}
MAX_COUNT = 2**31 - 1  # households, workdays, m²: what their columns hold
MAX_MONEY = 10**15  # đồng: beyond it, a typo
FIRST_YEAR = 2000  # the movement's models predate Coso; earlier dates are typos


@dataclass
class ExemplarData:
    name: str
    field: str
    sponsor: str
    started_on: dt.date
    description: str
    sponsor_name: str = ""
    results: str = ""
    households_benefited: int = 0
    money_mobilised: int = 0
    workdays_mobilised: int = 0
    land_donated_m2: int = 0
    photos: Sequence[UploadedFile] = dataclasses.field(default_factory=tuple)


def _touch(exemplar: Exemplar, *days: dt.date | None) -> None:
    indicators.touched("exemplars", exemplar.unit_id, [exemplar.started_on, *days])


def _validate(unit: Unit, data: ExemplarData) -> None:
    if unit.kind not in LEVEL_OF_UNIT:
        raise DomainError(
            _("Mô hình đăng ký ở xã, phường, cơ quan, doanh nghiệp hoặc tỉnh."), field="unit"
        )
    if not data.name.strip():
        raise DomainError(_("Cần ghi tên mô hình."), field="name")
    if not data.description.strip():
        raise DomainError(_("Cần ghi cách làm của mô hình."), field="description")
    if data.field not in Field.values:
        raise DomainError(_("Lĩnh vực không hợp lệ."), field="field")
    if data.sponsor not in Sponsor.values:
        raise DomainError(_("Tổ chức chủ trì không hợp lệ."), field="sponsor")
    if not dt.date(FIRST_YEAR, 1, 1) <= data.started_on <= latest_day(future=False):
        raise DomainError(
            _("Ngày bắt đầu phải từ %(first)s đến hôm nay.")
            % {"first": vn_date(dt.date(FIRST_YEAR, 1, 1))},
            field="started_on",
        )
    counts = (data.households_benefited, data.workdays_mobilised, data.land_donated_m2)
    if not all(0 <= n <= MAX_COUNT for n in counts) or not 0 <= data.money_mobilised <= MAX_MONEY:
        raise DomainError(_("Số liệu kết quả không hợp lệ."), field="results")
    check_lengths_of(Exemplar, data, "name", "sponsor_name", "description", "results")


def exemplar_register(
    *, actor: Any, unit: Unit, data: ExemplarData, origin: Exemplar | None = None
) -> Exemplar:
    """Register a model at `unit` — a new one, or one replicating `origin` (any unit's
    model: the registry is public)."""
    if not can(actor, "mobilisation.write", path=unit.path):
        raise DomainError(_("Bạn không có quyền đăng ký mô hình ở đơn vị này."), field="unit")
    _validate(unit, data)
    if origin is not None and origin.unit_id == unit.pk:
        raise DomainError(_("Mô hình nhân rộng phải ở đơn vị khác."), field="origin")
    types = check_uploads(data.photos, images_only=True)
    with transaction.atomic():
        exemplar = Exemplar.objects.create(
            name=data.name.strip(),
            field=data.field,
            level=LEVEL_OF_UNIT[UnitKind(unit.kind)],
            unit=unit,
            province_id=province_id_of(unit),
            sponsor=data.sponsor,
            sponsor_name=data.sponsor_name.strip(),
            started_on=data.started_on,
            description=data.description.strip(),
            results=data.results.strip(),
            households_benefited=data.households_benefited,
            money_mobilised=data.money_mobilised,
            workdays_mobilised=data.workdays_mobilised,
            land_donated_m2=data.land_donated_m2,
            origin=origin,
            root=origin.root if origin is not None else None,
            created_by=audit.acting_user(actor),
        )
        if origin is None:
            exemplar.root = exemplar
            exemplar.save(update_fields=["root"])
        _photos(exemplar, data.photos, types)
        audit.log_create(actor=actor, obj=exemplar, unit_id=unit.pk)
        _touch(exemplar)
    return exemplar


def _photos(exemplar: Exemplar, uploads: Sequence[UploadedFile], types: list[str]) -> None:
    for fields in stored_files(uploads, types):
        Photo.objects.create(exemplar=exemplar, **fields)


def rubric() -> list[Criterion]:
    return list(Criterion.objects.filter(active=True))


def exemplar_evaluate(
    *,
    actor: Any,
    exemplar: Exemplar,
    year: int,
    scores: dict[str, int],
    verdict: str,
    note: str = "",
) -> Evaluation:
    """Score the model for `year` against the rubric in force; the rubric is copied
    into the evaluation."""
    if not can(actor, "exemplars.approve", path=exemplar.unit.path):
        raise DomainError(_("Bạn không có quyền đánh giá mô hình này."), field="year")
    today = timezone.localdate()
    if not exemplar.started_on.year <= year <= today.year:
        raise DomainError(_("Năm đánh giá phải từ năm bắt đầu mô hình đến năm nay."), field="year")
    if verdict not in Verdict.values:
        raise DomainError(_("Kết luận không hợp lệ."), field="verdict")
    lines = _score_lines(scores)
    check_lengths(Evaluation, note=note)
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                exemplar=exemplar,
                year=year,
                scores=lines,
                total=sum(line["score"] for line in lines),
                verdict=verdict,
                note=note.strip(),
                by=audit.acting_user(actor),
            )
            audit.log_create(actor=actor, obj=evaluation, unit_id=exemplar.unit_id)
            if verdict == Verdict.STOP and exemplar.status == Status.ACTIVE:
                _stop(actor, exemplar, min(today, dt.date(year, 12, 31)))
    except IntegrityError as error:
        raise DomainError(
            _("Mô hình đã được đánh giá năm %(year)s.") % {"year": year}, field="year"
        ) from error
    return evaluation


def _score_lines(scores: dict[str, int]) -> list[dict[str, Any]]:
    """Each criterion of the rubric in force with its score, checked against its
    maximum: the copy the evaluation keeps."""
    lines = []
    for criterion in rubric():
        score = scores.get(criterion.code)
        if score is None or not 0 <= score <= criterion.max_points:
            raise DomainError(
                _("Điểm “%(label)s” phải từ 0 đến %(max)s.")
                % {"label": criterion.label, "max": criterion.max_points},
                field=f"score_{criterion.code}",
            )
        lines.append(
            {
                "code": criterion.code,
                "label": criterion.label,
                "max": criterion.max_points,
                "score": score,
            }
        )
    return lines


def _stop(actor: Any, exemplar: Exemplar, day: dt.date) -> None:
    """A model the yearly review finds no longer effective stops running that day
    (unless another year's review stopped it meanwhile: the evaluation still stands)."""
    try:
        transition(
            exemplar,
            actor=actor,
            from_states=(Status.ACTIVE,),
            to=Status.ENDED,
            fields={"ended_on": max(day, exemplar.started_on)},
        )
    except DomainError:
        return
    _touch(exemplar, exemplar.ended_on)


def may_recognise(user: Any, exemplar: Exemplar, level: str) -> bool:
    action = RECOGNISE.get(Level(level)) if level in RECOGNISE else None
    if action is None:
        return False
    if level == Level.CENTRAL:
        return can_nationwide(user, action)
    path = exemplar.province.path if level == Level.PROVINCE else exemplar.unit.path
    return can(user, action, path=path)


def exemplar_recognise(
    *,
    actor: Any,
    exemplar: Exemplar,
    level: str,
    decision_number: str,
    decided_on: dt.date,
    issuer: str,
) -> Recognition:
    if not may_recognise(actor, exemplar, level):
        raise DomainError(_("Bạn không có quyền công nhận mô hình ở cấp này."), field="level")
    if not decision_number.strip() or not issuer.strip():
        raise DomainError(_("Cần ghi số quyết định và cơ quan công nhận."), field="decision_number")
    if not exemplar.started_on <= decided_on <= latest_day(future=False):
        raise DomainError(
            _("Ngày quyết định phải từ ngày bắt đầu mô hình đến hôm nay."), field="decided_on"
        )
    check_lengths(Recognition, decision_number=decision_number, issuer=issuer)
    try:
        with transaction.atomic():
            recognition = Recognition.objects.create(
                exemplar=exemplar,
                level=level,
                decision_number=decision_number.strip(),
                decided_on=decided_on,
                issuer=issuer.strip(),
                by=audit.acting_user(actor),
            )
            audit.log_create(actor=actor, obj=recognition, unit_id=exemplar.unit_id)
            _touch(exemplar, decided_on)
    except IntegrityError as error:
        raise DomainError(_("Mô hình đã được công nhận ở cấp này."), field="level") from error
    return recognition
