"""Entries sent from the phones, each run exactly once through the same services as
online entry (coso.decisions, coso.petitions, coso.dialogues, coso.oversight), with
their checks.

An entry is claimed by inserting its row (user, identifier made on the device) before it
runs: a second send of the same entry — the same queue sent twice, two tabs, a retry
after a lost answer — finds the row and gets the first answer back; nothing runs again.
An entry the service refuses (the round was counted meanwhile, a household of another
village…) writes nothing and answers with the service's own message, for the person to
resolve on the phone; the refusal is kept too, so a repeated send answers the same."""

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from coso.core import audit
from coso.core.dates import vn_date
from coso.core.errors import DomainError
from coso.core.forms import typed_date
from coso.core.permissions import can, scoped_for
from coso.decisions import selectors as decisions_selectors
from coso.decisions import services as decisions
from coso.dialogues import selectors as dialogues_selectors
from coso.dialogues import services as dialogues
from coso.field.models import FieldEntry, Kind, Outcome
from coso.followups.services import Promise
from coso.oversight import selectors as oversight_selectors
from coso.oversight import services as oversight
from coso.petitions import selectors as petitions_selectors
from coso.petitions import services as petitions
from coso.units.selectors import COMMUNITY_KINDS, Unit, current_units

# The petitions' channel for a petition handed over in person (petitions' Channel).
IN_PERSON = "in_person"


class Malformed(Exception):
    """The entry is not one the field page makes (a bad identifier or value)."""


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Malformed
    return value


def _text(payload: Mapping[str, Any], name: str) -> str:
    value = payload.get(name, "")
    if not isinstance(value, str):
        raise Malformed
    return value


def _not_found(field: str) -> DomainError:
    return DomainError(_("Không tìm thấy nội dung này ở đơn vị của bạn."), field=field)


def _matter(actor: Any, pk: int) -> Any:
    try:
        return decisions_selectors.matter_get(user=actor, pk=pk, action="decisions.write")
    except Http404 as error:
        raise _not_found("matter") from error


def _readable(qs: QuerySet[Any], actor: Any, pk: int, *, path_field: str, field: str) -> Any:
    """A record the user may read (the writing service then checks they may write)."""
    found = scoped_for(qs, actor, "records.read", path_field=path_field).filter(pk=pk).first()
    if found is None:
        raise _not_found(field)
    return found


def _meeting(actor: Any, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A meeting's attendance and show-of-hands counts, in one go: both are written, or
    neither (the caller's savepoint)."""
    matter = _matter(actor, _int(payload.get("matter")))
    cluster = _text(payload, "cluster")
    households = payload.get("households")
    counts = payload.get("counts") or {}
    if not isinstance(counts, dict) or (
        households is not None and not isinstance(households, list)
    ):
        raise Malformed
    present = payload.get("present")
    if households is not None:
        decisions.attendance_record(
            actor=actor, matter=matter, household_ids=[_int(h) for h in households], cluster=cluster
        )
    if counts:
        decisions.tally_record(
            actor=actor,
            matter=matter,
            counts={str(k): _int(v) for k, v in counts.items()},
            cluster=cluster,
            present=None if present is None else _int(present),
        )
    return {"message": _("Đã ghi điểm danh và số biểu quyết: %(title)s.") % {"title": matter.title}}


def _forms(payload: Mapping[str, Any]) -> list[tuple[int, list[str]]]:
    """A batch of numbered forms: (form number, the option keys ticked; none when the
    form is spoiled), at least one."""
    forms = _rows(payload, "forms")
    entries = []
    for form in forms:
        choice = form.get("choice")
        if not isinstance(choice, list) or not all(isinstance(k, str) for k in choice):
            raise Malformed
        entries.append((_int(form.get("number")), choice))
    if not entries:
        raise Malformed
    return entries


def _paper(actor: Any, payload: Mapping[str, Any]) -> dict[str, Any]:
    """Paper keyed in at the ballot box, as at the office (decisions' key-in). A round
    that is not secret: a batch of its numbered forms (`part` "forms"), all or none. A
    secret round: its stubs' codes (`part` "stubs"), or, apart, its ballots' counts per
    option (`part` "ballots") — never both in one entry, so that no entry puts a
    household next to a choice (docs/secret-ballot.md)."""
    matter = _matter(actor, _int(payload.get("matter")))
    part = payload.get("part")
    if part == "forms":
        n = decisions.ballots_key_in(actor=actor, matter=matter, entries=_forms(payload))
        message = _("Đã nhập %(n)s phiếu giấy: %(title)s.")
    elif part == "stubs":
        codes = payload.get("codes")
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise Malformed
        n = decisions.stubs_key_in(actor=actor, matter=matter, codes=codes)
        message = _("Đã nhận %(n)s cuống phiếu: %(title)s.")
    elif part == "ballots":
        counts, valid = payload.get("counts"), payload.get("valid")
        if not isinstance(counts, dict):
            raise Malformed
        n = decisions.paper_ballots_key_in(
            actor=actor,
            matter=matter,
            counts={str(k): _int(v) for k, v in counts.items()},
            spoiled=_int(payload.get("spoiled", 0)),
            cluster=_text(payload, "cluster"),
            valid=None if valid is None else _int(valid),
        )
        message = _("Đã nhập %(n)s phiếu giấy (đã mã hoá): %(title)s.")
    else:
        raise Malformed
    return {"message": message % {"n": n, "title": matter.title}}


def _unit(code: str, *, community: bool) -> Unit | None:
    units = current_units().filter(code=code)
    return units.filter(kind__in=COMMUNITY_KINDS).first() if community else units.first()


def _recorder(actor: Any, commune: Unit, village: Unit | None) -> Any:
    """Who records it: the commune's petition handler records it as theirs; a village
    head hands over what a resident gave them in person, as the resident would send it
    themselves (the public form: no handler's account), for the commune to accept."""
    if can(actor, "petitions.write", path=commune.path):
        return actor
    if (
        village is not None
        and village.parent_id == commune.pk
        and can(actor, "field.sync", path=village.path)
    ):
        return None
    raise DomainError(_("Bạn không có quyền ghi đơn cho xã, phường này."), field="commune")


def _day(payload: Mapping[str, Any], name: str) -> dt.date | None:
    """A day as typed on the phone (dd/mm/yyyy) or as its script makes it (ISO)."""
    text = _text(payload, name).strip()
    day = typed_date(text)
    if text and day is None:
        raise Malformed
    return day


def _petition(actor: Any, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A petition received in person, given its tracking code by the petitions app."""
    commune = _unit(_text(payload, "commune"), community=False)
    village_code = _text(payload, "village")
    village = _unit(village_code, community=True) if village_code else None
    if commune is None or (village_code and village is None):
        raise DomainError(_("Không tìm thấy xã, thôn này."), field="commune")
    petition = petitions.petition_submit(
        actor=_recorder(actor, commune, village),
        unit=commune,
        data=petitions.Submission(
            kind=_text(payload, "petition_kind"),
            subject=_text(payload, "subject"),
            description=_text(payload, "description"),
            channel=IN_PERSON,
            sender_name=_text(payload, "sender_name"),
            sender_contact=_text(payload, "sender_contact"),
            village=village,
            received_on=_day(payload, "received_on"),
        ),
    )
    return {
        "message": _("Đã ghi đơn; mã theo dõi %(code)s.") % {"code": petition.tracking_code},
        "tracking_code": petition.tracking_code,
    }


def _visit(actor: Any, payload: Mapping[str, Any]) -> dict[str, Any]:
    """Someone received at a citizen-reception session (petitions' visit record)."""
    session = _readable(
        petitions_selectors.ReceptionSession.objects.select_related("unit"),
        actor,
        _int(payload.get("session")),
        path_field="unit__path",
        field="session",
    )
    petition = petitions.visit_record(
        actor=actor,
        session=session,
        visitor=_text(payload, "visitor"),
        kind=_text(payload, "petition_kind"),
        subject=_text(payload, "subject"),
        description=_text(payload, "description"),
        contact=_text(payload, "contact"),
    )
    return {
        "message": _("Đã ghi lượt tiếp; mã theo dõi %(code)s.") % {"code": petition.tracking_code},
        "tracking_code": petition.tracking_code,
    }


def _rows(payload: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    rows = payload.get(name) or []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise Malformed
    return rows


def _promise(meeting: Any, row: Mapping[str, Any], asker: Mapping[str, Any]) -> Promise:
    """A commitment made at the meeting, by the meeting's unit (as the online form)."""
    return Promise(
        text=_text(row, "text"),
        unit=meeting.unit,
        owner_name=_text(row, "owner_name"),
        due_on=_day(row, "due_on"),
        opened_on=meeting.date,
        raised_by_resident=True,
        raiser_name=_text(asker, "asker_name"),
        raiser_contact=_text(asker, "asker_contact"),
    )


def _dialogue(actor: Any, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A dialogue's questions (with the answer and what was promised) and its other
    commitments, all or none (the caller's savepoint)."""
    try:
        meeting = dialogues_selectors.meeting_get(user=actor, pk=_int(payload.get("meeting")))
    except Http404 as error:
        raise _not_found("meeting") from error
    questions, commitments = _rows(payload, "questions"), _rows(payload, "commitments")
    for q in questions:
        promised = q.get("commitment")
        if promised is not None and not isinstance(promised, dict):
            raise Malformed
        dialogues.item_add(
            actor=actor,
            meeting=meeting,
            data=dialogues.ItemData(
                text=_text(q, "text"),
                topic=_text(q, "topic") or dialogues.ItemData.topic,
                asker_name=_text(q, "asker_name"),
                asker_contact=_text(q, "asker_contact"),
                answer=_text(q, "answer"),
                commitment=_promise(meeting, promised, q) if promised else None,
            ),
        )
    for c in commitments:
        dialogues.commitment_add(actor=actor, meeting=meeting, promise=_promise(meeting, c, {}))
    return {
        "message": _("Đã ghi %(q)s câu hỏi và %(c)s cam kết: %(meeting)s.")
        % {"q": len(questions), "c": len(commitments), "meeting": meeting.label}
    }


def _finding(actor: Any, payload: Mapping[str, Any]) -> dict[str, Any]:
    """An inspection's findings (oversight's plan findings). Findings recorded meanwhile
    (at the office, from another phone) are not overwritten: that is a conflict."""
    plan = _readable(
        oversight_selectors.Plan.objects.select_related("commune"),
        actor,
        _int(payload.get("plan")),
        path_field="commune__path",
        field="plan",
    )
    if plan.finished_on is not None:
        oversight.check_board(actor, plan.commune)
        raise DomainError(
            _("Kết quả kiểm tra này đã được ghi ngày %(day)s; mục gửi từ máy không ghi đè.")
            % {"day": vn_date(plan.finished_on)},
            field="findings",
        )
    oversight.plan_findings(
        actor=actor, plan=plan, findings=_text(payload, "findings"), on=_day(payload, "on")
    )
    return {"message": _("Đã ghi kết quả kiểm tra: %(subject)s.") % {"subject": plan.subject}}


HANDLERS: dict[str, Callable[[Any, Mapping[str, Any]], dict[str, Any]]] = {
    Kind.MEETING: _meeting,
    Kind.PETITION: _petition,
    Kind.VISIT: _visit,
    Kind.DIALOGUE: _dialogue,
    Kind.FINDING: _finding,
    Kind.PAPER: _paper,
}


def _run(actor: Any, kind: str, payload: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """Run one entry in a savepoint: a refusal leaves nothing of it behind."""
    try:
        with transaction.atomic():
            return Outcome.OK, HANDLERS[kind](actor, payload)
    except DomainError as error:
        return Outcome.CONFLICT, {"message": error.message, "field": error.field}
    except Malformed:
        return Outcome.ERROR, {"message": _("Mục này không hợp lệ.")}


def _answer(entry: FieldEntry) -> dict[str, Any]:
    return {"id": str(entry.entry_id), "status": entry.outcome, **entry.result}


def entry_sync(*, actor: Any, entry: Mapping[str, Any]) -> dict[str, Any]:
    """Record one entry from a device once: run it, or give back the answer it got."""
    try:
        entry_id = uuid.UUID(str(entry.get("id")))
        kind = Kind(str(entry.get("kind")))
    except ValueError:
        return {
            "id": str(entry.get("id")),
            "status": Outcome.ERROR,
            "message": _("Mục này không hợp lệ."),
        }
    payload = entry.get("data")
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = FieldEntry.objects.create(
                    user=actor, entry_id=entry_id, kind=kind, outcome=Outcome.ERROR
                )
        except IntegrityError:
            # Sent before (or at this moment, by another request, which has committed).
            return _answer(FieldEntry.objects.get(user=actor, entry_id=entry_id))
        if not isinstance(payload, dict):
            row.outcome, row.result = Outcome.ERROR, {"message": _("Mục này không hợp lệ.")}
        else:
            row.outcome, row.result = _run(actor, kind, payload)
        row.save(update_fields=["outcome", "result"])
        audit.log_create(actor=actor, obj=row, unit_id=None)
    return _answer(row)


def entries_sync(*, actor: Any, entries: Sequence[Any]) -> list[dict[str, Any]]:
    """A device's queue, in the order it was made; one answer per entry."""
    if not can(actor, "field.sync"):
        raise DomainError(_("Bạn không có quyền gửi mục từ thiết bị."))
    if len(entries) > settings.COSO_FIELD_SYNC_MAX:
        raise DomainError(_("Mỗi lần gửi tối đa %(n)s mục.") % {"n": settings.COSO_FIELD_SYNC_MAX})
    return [entry_sync(actor=actor, entry=e if isinstance(e, dict) else {}) for e in entries]
