"""Surveys from creation to close: the sample drawn with a recorded seed, answers from
a signed-in household, a one-time link or a paper form keyed in (one per household,
refused by the database a second time), and the close that counts them.

An anonymous survey never writes an answer in plaintext while households answer: the
answering transaction writes the participation and a sealed envelope (sealing.py).
Closing opens every envelope, shuffles them and writes the answers with random ids, no
time and no household, all in one transaction — nothing orders them as they came."""

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coso.concerns import services as concerns
from coso.core import audit, indicators
from coso.core.codes import random_code
from coso.core.errors import DomainError
from coso.core.limits import check_lengths_of
from coso.core.permissions import can
from coso.people import selectors as people
from coso.surveys import sealing
from coso.surveys.models import (
    Answer,
    Channel,
    ElementResult,
    Envelope,
    Frame,
    Invited,
    Participation,
    Plan,
    Questionnaire,
    Response,
    Status,
    Survey,
)
from coso.surveys.questions import clean_answers, draw, questions_of
from coso.units.selectors import COMMUNITY_KINDS, Unit, UnitKind

WRITE = "surveys.write"
KINDS = (UnitKind.COMMUNE, *COMMUNITY_KINDS, UnitKind.AGENCY, UnitKind.ENTERPRISE)
TOKEN_LENGTH = 16
MAX_PER_VILLAGE = 10_000  # beyond it, a typo


@dataclass
class SurveyData:
    questionnaire: Questionnaire
    title: str
    period: str
    opens_on: dt.date
    closes_on: dt.date
    plan: str
    per_village: int | None = None


def _check_writer(actor: Any, unit: Unit, field: str = "title") -> None:
    if not can(actor, WRITE, path=unit.path):
        raise DomainError(_("Bạn không có quyền ghi khảo sát của đơn vị này."), field=field)


def _touch(survey: Survey) -> None:
    indicators.touched("surveys", survey.unit_id, [survey.closes_on])


def _check_data(unit: Unit, data: SurveyData) -> None:
    if unit.kind not in KINDS:
        raise DomainError(_("Khảo sát được tổ chức ở xã, thôn, cơ quan hoặc doanh nghiệp."))
    if not data.title.strip() or not data.period.strip():
        raise DomainError(_("Cần ghi tên cuộc khảo sát và kỳ khảo sát."), field="title")
    if data.closes_on < data.opens_on:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="closes_on")
    if data.plan not in Plan.values:
        raise DomainError(_("Cách chọn hộ không hợp lệ."), field="plan")
    if data.plan == Plan.SAMPLE and not 0 < (data.per_village or 0) <= MAX_PER_VILLAGE:
        raise DomainError(_("Cần ghi số hộ được chọn ở mỗi thôn."), field="per_village")
    check_lengths_of(Survey, data, "title", "period")


def survey_create(*, actor: Any, unit: Unit, data: SurveyData) -> Survey:
    """A survey of `unit` on one questionnaire version, open from `opens_on`."""
    _check_writer(actor, unit)
    _check_data(unit, data)
    with transaction.atomic():
        survey = Survey.objects.create(
            unit=unit,
            questionnaire=data.questionnaire,
            title=data.title.strip(),
            period=data.period.strip(),
            opens_on=data.opens_on,
            closes_on=data.closes_on,
            plan=data.plan,
            per_village=data.per_village if data.plan == Plan.SAMPLE else None,
            created_by=audit.acting_user(actor),
        )
        audit.log_create(actor=actor, obj=survey, unit_id=unit.pk)
        _touch(survey)
    return survey


def _frames(survey: Survey) -> list[tuple[Unit, list[int]]]:
    """Each village under the survey's unit (by id) with its household ids (by id)."""
    households = people.households_under(unit=survey.unit).order_by("village_id", "id")
    frames: dict[int, list[int]] = {}
    villages: dict[int, Unit] = {}
    for household in households.select_related("village"):
        frames.setdefault(household.village_id, []).append(household.pk)
        villages[household.village_id] = household.village
    return [(villages[v], frames[v]) for v in sorted(frames)]


def survey_draw(*, actor: Any, survey: Survey, seed: int | None = None) -> list[Invited]:
    """Invite the households: every one (plan ALL) or `per_village` of each village
    drawn with `seed` (a new random one if not given; it is recorded, so anyone can
    redraw the same households). Each invited household gets its one-time link."""
    _check_writer(actor, survey.unit, field="seed")
    frames = _frames(survey)
    if not frames:
        raise DomainError(_("Đơn vị không có hộ gia đình nào để khảo sát."), field="seed")
    if survey.plan == Plan.SAMPLE:
        seed = secrets.randbits(62) if seed is None else seed
        chosen = draw(seed, [(v.pk, ids) for v, ids in frames], survey.per_village or 0)
    else:
        seed, chosen = None, {v.pk: ids for v, ids in frames}
    with transaction.atomic():
        if not Survey.objects.filter(pk=survey.pk, seed=None, frames=None).exists():
            raise DomainError(_("Cuộc khảo sát đã rút mẫu."), field="seed")
        Survey.objects.filter(pk=survey.pk).update(seed=seed)
        Frame.objects.bulk_create(
            Frame(survey=survey, village=v, size=len(ids), drawn=len(chosen[v.pk]))
            for v, ids in frames
        )
        invited = Invited.objects.bulk_create(
            Invited(survey=survey, household_id=h, token=random_code(TOKEN_LENGTH))
            for v, _ids in frames
            for h in chosen[v.pk]
        )
        audit.log_event(
            actor=actor,
            model="surveys.survey",
            record=survey,
            changes={"seed": seed, "invited": len(invited)},
        )
    survey.seed = seed
    return invited


def _check_open(survey: Survey, *, paper: bool) -> None:
    today = timezone.localdate()
    if survey.status != Status.OPEN or today < survey.opens_on:
        raise DomainError(_("Cuộc khảo sát không nhận trả lời lúc này."), field="__all__")
    if not paper and today > survey.closes_on:
        raise DomainError(_("Cuộc khảo sát đã hết hạn trả lời."), field="__all__")


def _already() -> DomainError:
    return DomainError(_("Hộ đã trả lời cuộc khảo sát này."), field="__all__")


def _write_answers(survey: Survey, household_id: int | None, answers: dict[str, str]) -> None:
    response = Response.objects.create(survey=survey, household_id=household_id)
    Answer.objects.bulk_create(_answer_rows(survey, response, answers))


def _answer_rows(survey: Survey, response: Response, answers: dict[str, str]) -> list[Answer]:
    texts = {q.key for q in questions_of(survey.questionnaire) if q.kind == "text"}
    return [
        Answer(response=response, key=k, text=v)
        if k in texts
        else Answer(response=response, key=k, value=v)
        for k, v in answers.items()
    ]


def _answer(
    *, survey: Survey, household_id: int, given: dict[str, Any], channel: str, actor: Any = None
) -> Participation:
    """The one path every channel takes: mark the household's invitation used (a
    conditional update), record its participation (unique per survey), and write the
    answers — sealed for an anonymous survey, with the household otherwise."""
    answers = clean_answers(questions_of(survey.questionnaire), given)
    try:
        with transaction.atomic():
            claimed = Invited.objects.filter(
                survey=survey, household_id=household_id, used=False
            ).update(used=True)
            if claimed != 1:
                raise _already()
            participation = Participation.objects.create(
                survey=survey, household_id=household_id, channel=channel
            )
            if survey.questionnaire.anonymous:
                Envelope.objects.create(survey=survey, sealed=sealing.seal(survey.pk, answers))
            else:
                _write_answers(survey, household_id, answers)
            audit.log_event(
                actor=actor,
                model="surveys.participation",
                object_pk=str(participation.pk),
                unit_id=survey.unit_id,
                changes={"survey": survey.pk, "channel": channel},
            )
    except IntegrityError as error:
        raise _already() from error
    return participation


def _invited(survey: Survey, household: Any) -> None:
    if not Invited.objects.filter(survey=survey, household=household).exists():
        raise DomainError(_("Hộ không có trong danh sách được hỏi ý kiến."), field="household")


def answer_signed_in(*, household: Any, survey: Survey, answers: dict[str, Any]) -> Participation:
    """A signed-in household answers (no token typed: its invitation is claimed)."""
    _check_open(survey, paper=False)
    _invited(survey, household)
    return _answer(
        survey=survey, household_id=household.pk, given=answers, channel=Channel.SIGNED_IN
    )


def invitation_by_token(token: str) -> Invited:
    """The unused invitation of a one-time link; a used or unknown one is refused alike."""
    found = (
        Invited.objects.select_related("survey__questionnaire", "survey__unit")
        .filter(token=token.strip().upper(), used=False)
        .first()
    )
    if found is None:
        raise DomainError(_("Đường dẫn không đúng hoặc đã được dùng."), field="token")
    return found


def answer_by_token(*, token: str, answers: dict[str, Any]) -> Participation:
    """A household answers by its one-time link; the link works once."""
    invited = invitation_by_token(token)
    _check_open(invited.survey, paper=False)
    return _answer(
        survey=invited.survey,
        household_id=invited.household_id,
        given=answers,
        channel=Channel.LINK,
    )


def answer_key_in(
    *, actor: Any, survey: Survey, household_code: str, answers: dict[str, Any]
) -> Participation:
    """An official keys in a household's paper form (the household by its code)."""
    _check_writer(actor, survey.unit, field="household")
    _check_open(survey, paper=True)
    household = (
        people.households_under(unit=survey.unit).filter(code=household_code.strip()).first()
    )
    if household is None:
        raise DomainError(_("Không có hộ với mã này trong đơn vị."), field="household")
    _invited(survey, household)
    return _answer(
        survey=survey, household_id=household.pk, given=answers, channel=Channel.PAPER, actor=actor
    )


def _unseal_shuffled(survey: Survey) -> None:
    """Open every envelope, shuffle them (the system's random source) and write them
    as responses with random ids and no household; then delete the envelopes."""
    opened = [sealing.open_sealed(survey.pk, e.sealed) for e in survey.envelopes.all()]
    secrets.SystemRandom().shuffle(opened)
    responses = Response.objects.bulk_create(Response(survey=survey) for _ in opened)
    Answer.objects.bulk_create(
        a
        for r, answers in zip(responses, opened, strict=True)
        for a in _answer_rows(survey, r, answers)
    )
    survey.envelopes.all().delete()


def _tally(survey: Survey) -> int:
    """The per-element counts from the survey's answers (one aggregate query)."""
    counted = [q for q in questions_of(survey.questionnaire) if q.element]
    aggregates = {}
    for n, q in enumerate(counted):
        aggregates[f"a{n}"] = Count("id", filter=Q(key=q.key))
        aggregates[f"s{n}"] = Count("id", filter=Q(key=q.key, value__in=q.satisfied))
    found = Answer.objects.filter(response__survey=survey).aggregate(**aggregates)
    results: dict[str, list[int]] = {}
    for n, q in enumerate(counted):
        pair = results.setdefault(q.element, [0, 0])
        pair[0] += found[f"a{n}"]
        pair[1] += found[f"s{n}"]
    ElementResult.objects.bulk_create(
        ElementResult(survey=survey, element=e, answered=a, satisfied=s)
        for e, (a, s) in results.items()
    )
    return Response.objects.filter(survey=survey).count()


def survey_close(*, actor: Any, survey: Survey, on: dt.date | None = None) -> Survey:
    """Close the survey: no more answers; an anonymous survey's envelopes become
    shuffled responses; the per-element counts are computed — one transaction."""
    if actor is not None:
        _check_writer(actor, survey.unit, field="__all__")
    today = on or timezone.localdate()
    with transaction.atomic():
        if not Survey.objects.filter(pk=survey.pk, status=Status.OPEN).update(
            status=Status.CLOSED, closed_on=today
        ):
            raise DomainError(_("Cuộc khảo sát đã kết thúc."), field="__all__")
        _unseal_shuffled(survey)
        respondents = _tally(survey)
        comments = comments_raised().filter(response__survey=survey).order_by("pk")
        concerns.raised_many([raised_of(a) for a in comments])
        Survey.objects.filter(pk=survey.pk).update(respondents=respondents)
        audit.log_event(
            actor=actor,
            model="surveys.survey",
            record=survey,
            changes={"status": [Status.OPEN, Status.CLOSED], "respondents": respondents},
        )
        _touch(survey)
    survey.refresh_from_db()
    return survey


def comments_raised() -> Any:
    """The free-text answers of closed surveys of residents (a commune's, a village's):
    each raised something. Written when the survey closes, so an anonymous survey's are
    never tied to a household nor to the order households answered in."""
    return (
        Answer.objects.filter(
            response__survey__status=Status.CLOSED,
            response__survey__unit__kind__in=(UnitKind.COMMUNE, *COMMUNITY_KINDS),
        )
        .exclude(text="")  # only a free-text question's answer holds a text
        .select_related("response__survey__unit")
    )


def raised_of(answer: Answer) -> concerns.Raised:
    """What a survey comment raised, for the concerns by topic (no household for an
    anonymous survey: its responses carry none)."""
    survey = answer.response.survey
    return concerns.Raised(
        record=answer,
        channel=concerns.Channel.SURVEY,
        label=format_lazy("{}: {}", gettext_lazy("Góp ý trong phiếu khảo sát"), survey.title),
        url=reverse("surveys:detail", args=[survey.pk]) + f"#comment-{answer.pk}",
        unit=survey.unit,
        on=survey.closed_on or timezone.localdate(),
        text=answer.text,
        household=answer.response.household_id,
    )


def surveys_close_due(*, today: dt.date | None = None) -> int:
    """Close every open survey whose last day has passed (the worker's hook)."""
    today = today or timezone.localdate()
    closed = 0
    for survey in Survey.objects.filter(status=Status.OPEN, closes_on__lt=today):
        try:
            survey_close(actor=None, survey=survey, on=today)
        except DomainError:
            continue  # closed meanwhile by an official
        closed += 1
    return closed
