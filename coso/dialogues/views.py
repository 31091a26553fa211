"""Meeting pages: a unit's meetings, recording one (a dialogue or voter meeting by the
unit, a work visit by the committee visiting it), adding what was raised, answered and
promised; and the public pages of a commune's dialogues and their commitments."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core.errors import DomainError
from coso.core.permissions import PUBLIC, can, requires
from coso.core.views import attempt_form, pick, requires_post
from coso.dialogues import selectors, services
from coso.dialogues.forms import CommitmentForm, ConclusionForm, ItemForm, MeetingForm
from coso.dialogues.models import Group, Kind, Meeting
from coso.followups.services import Promise
from coso.units import selectors as units
from coso.units import unit_form_page, unit_page
from coso.units.selectors import Unit


@requires("records.read")
def meeting_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    kind = request.GET.get("kind", "")
    page = selectors.meetings(
        user=request.user,
        unit=unit,
        kind=kind,
        after=request.GET.get("after", ""),
        size=settings.PAGE_SIZE,
    )
    return unit_page(
        request,
        "dialogues/list.html",
        unit,
        page=page,
        kind=kind,
        kinds=Kind.choices,
        can_record=bool(services.kinds_for(request.user, unit)),
        check=selectors.dialogue_year(unit=unit, year=timezone.localdate().year),
    )


def _meeting(form: MeetingForm) -> services.MeetingData:
    return services.MeetingData(
        participants=form.people(),
        **pick(form.cleaned_data, "kind date place chair led_by topics summary"),
    )


def _new(request: HttpRequest, code: str, action: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action=action)
    kinds = [k for k in services.kinds_for(request.user, unit) if services.action_for(k) == action]
    if not kinds:
        raise Http404
    form = MeetingForm(request.POST or None, kinds=kinds)
    if done := attempt_form(
        form,
        lambda d: services.meeting_create(actor=request.user, unit=unit, data=_meeting(form)),
    ):
        messages.success(request, _("Đã ghi. Hãy thêm các câu hỏi, ý kiến và cam kết."))
        return redirect("dialogues:detail", pk=done.result.pk)
    return unit_form_page(request, "dialogues/new.html", unit, form)


@requires("mobilisation.write")
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    return _new(request, code, "mobilisation.write")


@requires("visits.write")
def visit_new(request: HttpRequest, code: str) -> HttpResponse:
    return _new(request, code, "visits.write")


def _forms(meeting: Meeting, data: Any = None) -> dict[str, Any]:
    unit = meeting.unit
    if meeting.kind == Kind.VISIT:
        return {"conclusion": ConclusionForm(data, unit=unit)}
    return {"item": ItemForm(data, unit=unit), "commitment": CommitmentForm(data, unit=unit)}


def _detail(
    request: HttpRequest, meeting: Meeting, forms: dict[str, Any] | None = None
) -> HttpResponse:
    writer = can(request.user, services.action_for(meeting.kind), path=meeting.unit.path)
    return unit_page(
        request,
        "dialogues/detail.html",
        meeting.unit,
        status=400 if forms else 200,
        meeting=meeting,
        items=meeting.items.all(),
        commitments=selectors.commitments(meeting),
        people=[
            (label, meeting.participants[g])
            for g, label in Group.choices
            if meeting.participants.get(g)
        ],
        personal=can(request.user, "personal.read", path=meeting.unit.path),
        today=timezone.localdate(),
        forms=(forms or _forms(meeting)) if writer else {},
    )


@requires("records.read")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.meeting_get(user=request.user, pk=pk))


def _promise(meeting: Meeting, d: dict[str, Any], text: str, unit: Unit | None = None) -> Promise:
    return Promise(
        text=text,
        unit=unit or meeting.unit,
        opened_on=meeting.date,
        raised_by_resident=meeting.kind != Kind.VISIT,
        raiser_name=d.get("asker_name", ""),
        raiser_contact=d.get("asker_contact", ""),
        **pick(d, "owner_name owner due_on topic"),
    )


def _forwarded(code: str) -> Unit | None:
    if not code.strip():
        return None
    found = units.current_units().filter(code=code.strip()).first()
    if found is None:
        raise DomainError(
            _("Không có đơn vị mã “%(code)s”.") % {"code": code}, field="forwarded_to"
        )
    return found


def _adding(key: str, add: Callable[[Any, Meeting, dict[str, Any]], Any]) -> Any:
    """The view adding to a meeting what its form `key` holds (`add(actor, meeting,
    data)`): questions and commitments to the unit's meetings, conclusions to a
    committee's work visits."""
    visit = key == "conclusion"
    action = "visits.write" if visit else "mobilisation.write"

    @requires_post(action)
    def adding(request: HttpRequest, pk: int) -> HttpResponse:
        meeting = selectors.meeting_get(user=request.user, pk=pk, action=action)
        if (meeting.kind == Kind.VISIT) != visit:
            raise Http404
        forms = _forms(meeting)
        form = forms[key] = type(forms[key])(request.POST, unit=meeting.unit)
        if attempt_form(form, lambda d: add(request.user, meeting, d)):
            messages.success(request, _("Đã ghi."))
            return redirect("dialogues:detail", pk=pk)
        return _detail(request, meeting, forms)

    return adding


def _item(actor: Any, meeting: Meeting, d: dict[str, Any]) -> None:
    """A question and its answer; a commitment in answer, or the question forwarded to
    the competent body, becomes a follow-up."""
    target = _forwarded(d["forwarded_to"])
    promised = d["commitment"].strip() or (d["text"] if target else "")
    if target:  # the competent body answers for it: not this unit's account
        d["owner_name"] = d["owner_name"].strip() or target.name
        d["owner"] = None
    services.item_add(
        actor=actor,
        meeting=meeting,
        data=services.ItemData(
            forwarded_to=target,
            commitment=_promise(meeting, d, promised, target) if promised else None,
            **pick(d, "text topic asker_name asker_contact answer"),
        ),
    )


def _commitment(actor: Any, meeting: Meeting, d: dict[str, Any]) -> None:
    services.commitment_add(actor=actor, meeting=meeting, promise=_promise(meeting, d, d["text"]))


def _conclusion(actor: Any, meeting: Meeting, d: dict[str, Any]) -> None:
    """A work visit's conclusion; one that asks the unit to do something is followed up."""
    commitment = _promise(meeting, d, d["text"]) if d["asks"] else None
    data = services.ItemData(commitment=commitment, **pick(d, "text topic"))
    services.item_add(actor=actor, meeting=meeting, data=data)


item_add = _adding("item", _item)
commitment_add = _adding("commitment", _commitment)
conclusion_add = _adding("conclusion", _conclusion)


def _year(request: HttpRequest) -> int:
    today = timezone.localdate()
    text = request.GET.get("year", "")
    if len(text) == 4 and text.isascii() and text.isdigit() and 2000 <= int(text) <= today.year:
        return int(text)
    return today.year


@requires(PUBLIC)
def public_list(request: HttpRequest, code: str) -> HttpResponse:
    """A commune's dialogues and voter meetings of a year, with the law's minimum and
    its commitments by status."""
    unit = units.unit_get_public(code=code)
    year = _year(request)
    page = selectors.public_meetings(
        unit=unit, year=year, after=request.GET.get("after", ""), size=settings.PAGE_SIZE
    )
    return unit_page(
        request,
        "dialogues/public_list.html",
        unit,
        public=True,
        year=year,
        years=list(range(timezone.localdate().year, 2022, -1)),
        page=page,
        check=selectors.dialogue_year(unit=unit, year=year),
        statuses=selectors.public_commitments(unit=unit, year=year),
    )


@requires(PUBLIC)
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What was raised and answered, and each commitment with its status: no one's name."""
    meeting = selectors.public_meeting_get(pk=pk)
    return unit_page(
        request,
        "dialogues/public_detail.html",
        meeting.unit,
        public=True,
        meeting=meeting,
        items=meeting.items.all(),
        commitments=selectors.commitments(meeting),
        today=timezone.localdate(),
    )
