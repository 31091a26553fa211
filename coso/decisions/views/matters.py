"""The village head's pages for a round: list, new, the hub, opening, publishing, voiding,
and the papers printed from it (code sheet, minutes)."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from coso.core.downloads import attachment, file_name
from coso.core.errors import DomainError
from coso.core.forms import add_domain_error
from coso.core.pagination import int_key
from coso.core.permissions import can, requires
from coso.core.qr import qr_svg
from coso.core.views import attempt, pick, requires_post
from coso.decisions import minutes, selectors, services
from coso.decisions.forms import (
    CorrectionForm,
    CountsForm,
    KeyInForm,
    MatterForm,
    PaperBallotsForm,
    PublishForm,
    StubsForm,
    VoidForm,
)
from coso.decisions.models import Matter, Method, Status
from coso.decisions.views._common import _act, _shares_page
from coso.units import selectors as units
from coso.units import unit_page


def _fail(request: HttpRequest, form: Any, error: DomainError) -> None:
    if form is not None and error.field in getattr(form, "fields", {}):
        add_domain_error(form, error)
    else:
        messages.error(request, error.message)


@requires("records.read")
def matter_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    page = selectors.matters_page(
        user=request.user,
        unit=unit,
        after=int_key(request.GET.get("after")),
        size=settings.PAGE_SIZE,
    )
    return unit_page(request, "decisions/matter_list.html", unit, page=page)


@requires("decisions.write")
def matter_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action="decisions.write")
    form = MatterForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            matter = services.matter_create(
                actor=request.user,
                unit=unit,
                candidates=data["candidates"].splitlines(),
                counting_board=data["counting_board"].splitlines(),
                **pick(data, "matter_type title proposal method secret seats staff_count board"),
            )
        except DomainError as error:
            _fail(request, form, error)
        else:
            return redirect("decisions:matter", pk=matter.pk)
    return unit_page(request, "decisions/matter_new.html", unit, form=form)


@requires("records.read")
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The hub of a round: what to do next, depending on its state."""
    return _hub(request, selectors.matter_get(user=request.user, pk=pk))


def _hub(request: HttpRequest, matter: Matter, **refused: Any) -> HttpResponse:
    """The round's hub; a form in `refused` is shown as submitted, with its errors."""
    path = matter.unit.path
    extra: dict[str, Any] = {
        "participation": selectors.participation_counts(matter=matter),
        "editor": can(request.user, "decisions.write", path=path),
        "organiser": can(request.user, "codes.read", path=path),
    }
    if matter.villages and matter.status == Status.OPEN:
        extra["villages"] = selectors.village_progress(matter=matter)
    if matter.outcome:
        extra["outcome"] = selectors.outcome_published(matter=matter)
    if matter.encrypted:
        extra["board"] = selectors.board_members(matter=matter)
    if extra["editor"]:
        extra.update(_forms(matter), **refused)
    return unit_page(request, "decisions/matter_detail.html", matter.unit, matter=matter, **extra)


def _forms(matter: Matter) -> dict[str, Any]:
    """The forms for the round's next steps, for those who run it."""
    extra: dict[str, Any] = {}
    if matter.status == Status.OPEN and matter.method == Method.MEETING:
        extra["counts_form"] = CountsForm(matter=matter)
        extra["board_needed"] = services.board_needed(matter)
    if matter.status == Status.OPEN and matter.encrypted:
        extra["stubs_form"] = StubsForm()
        extra["paper_form"] = PaperBallotsForm(matter=matter)
        extra["paper_progress"] = selectors.paper_progress(matter=matter)
    elif matter.status == Status.OPEN and matter.method != Method.MEETING:
        extra["keyin_form"] = KeyInForm(matter=matter)
    if matter.status == Status.COUNTED:
        extra["publish_form"] = PublishForm(meeting=matter.method == Method.MEETING)
    if matter.status in (Status.COUNTED, Status.PUBLISHED) and matter.method == Method.MEETING:
        # A village-by-village round is corrected village by village: no total prefilled.
        tally = {} if matter.villages else matter.outcome.get("tally", {})
        extra["correction_form"] = CorrectionForm(
            matter=matter, initial={f"count_{k}": v for k, v in tally.items()}
        )
    if matter.status in (Status.DRAFT, Status.OPEN, Status.COUNTED):
        extra["void_form"] = VoidForm()
    return extra


@requires_post("decisions.write")
def matter_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the round. An encrypted round's board shares are shown in this answer, once:
    they are not stored, so no page can show them again."""
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    attempt(request, lambda: services.matter_open(actor=request.user, matter=matter))
    if not matter.board_shares:
        return redirect("decisions:matter", pk=matter.pk)
    return _shares_page(request, matter, matter.board_shares)


@requires_post("decisions.write")
def share_saved(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """A board member says they saved their share (the button on the shares page)."""
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    saved = attempt(
        request,
        lambda: services.board_member_confirm(actor=request.user, matter=matter, index=index),
    )
    if saved and request.headers.get("HX-Request"):
        return render(request, "decisions/_share_saved.html", {"member": saved.result})
    return redirect("decisions:matter", pk=matter.pk)


@requires_post("decisions.write")
def matter_publish(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    form = PublishForm(request.POST, meeting=matter.method == Method.MEETING)
    if not form.is_valid():
        return _hub(request, matter, publish_form=form)
    attempt(
        request,
        lambda: services.matter_publish(actor=request.user, matter=matter, **form.cleaned_data),
    )
    return redirect("decisions:matter", pk=matter.pk)


@requires_post("decisions.write")
def matter_void(request: HttpRequest, pk: int) -> HttpResponse:
    form = VoidForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request, pk, lambda m: services.matter_void(actor=request.user, matter=m, reason=reason)
    )


@requires("codes.read")
def code_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """Printable forms: number, household, one-time code and its QR code. Only the
    round's organisers open it, and each opening is written to the audit log."""
    matter = selectors.matter_get(user=request.user, pk=pk, action="codes.read")
    rows = services.code_sheet_view(actor=request.user, matter=matter)
    vote_url = request.build_absolute_uri(reverse("decisions:vote"))
    for row in rows:
        # After "#": the browser keeps the code to itself (see `vote`).
        row["qr"] = qr_svg(f"{vote_url}#code={row['code']}")
    options = list(matter.options.all())
    return unit_page(
        request, "decisions/code_sheet.html", matter.unit, matter=matter, rows=rows, options=options
    )


@requires("records.read")
def minutes_file(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get(user=request.user, pk=pk)
    name = file_name("bien-ban", matter.unit.name, matter.pk, extension="docx")
    return attachment(minutes.minutes_docx(matter=matter), name)
