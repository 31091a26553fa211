"""Pages for deciding matters: the village head's (on a phone) and the public's."""

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from coso.core import hooks, pagecache
from coso.core.downloads import attachment, file_name
from coso.core.errors import DomainError
from coso.core.forms import add_domain_error
from coso.core.pagination import int_key
from coso.core.permissions import PUBLIC, can, requires
from coso.core.ratelimit import over_limit, too_many
from coso.core.views import attempt, pick, requires_post
from coso.decisions import minutes, selectors, services
from coso.decisions.forms import (
    CorrectionForm,
    CountsForm,
    KeyInForm,
    MatterForm,
    PaperBallotsForm,
    PublishForm,
    ReceiptForm,
    SharesForm,
    StubsForm,
    VoidForm,
    VoteForm,
)
from coso.decisions.models import Matter, Method, Status
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
    matter = selectors.matter_get(user=request.user, pk=pk)
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
        extra.update(_forms(matter))
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


def _act(request: HttpRequest, pk: int, action: Any) -> HttpResponse:
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    attempt(request, lambda: action(matter))
    return redirect("decisions:matter", pk=matter.pk)


@requires_post("decisions.write")
def matter_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the round. An encrypted round's board shares are shown in this answer, once:
    they are not stored, so no page can show them again."""
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    attempt(request, lambda: services.matter_open(actor=request.user, matter=matter))
    if not matter.board_shares:
        return redirect("decisions:matter", pk=matter.pk)
    return _shares_page(request, matter, matter.board_shares)


def _shares_page(request: HttpRequest, matter: Matter, shares: list[str]) -> HttpResponse:
    """A secret round's board shares, each with its QR code, shown once and never
    cached."""
    members = selectors.board_members(matter=matter)
    slips = [
        {"member": m, "share": s, "qr": segno.make(s, error="m").svg_inline(scale=3)}
        for m, s in zip(members, shares, strict=True)
    ]
    return _shares_kept_nowhere(request, "decisions/board_shares.html", matter, slips=slips)


def _shares_kept_nowhere(
    request: HttpRequest, template: str, matter: Matter, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """A page that shows or takes a secret round's shares (with how many it needs): no
    cache may keep it."""
    response = unit_page(
        request,
        template,
        matter.unit,
        status=status,
        matter=matter,
        threshold=matter.round_key.threshold,
        **extra,
    )
    response["Cache-Control"] = "no-store"
    return response


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


@requires("decisions.write")
def count_encrypted(request: HttpRequest, pk: int) -> HttpResponse:
    """Count an encrypted round: the board members present type or paste their shares."""
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    if not matter.encrypted or matter.status != Status.OPEN:
        raise Http404
    members = selectors.board_members(matter=matter)
    form = SharesForm(request.POST or None, members=members)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.matter_count_encrypted(actor=request.user, matter=matter, shares=form.shares())
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(request, _("Đã kiểm phiếu và công bố hồ sơ kiểm chứng."))
            return redirect("decisions:matter", pk=matter.pk)
    return _shares_kept_nowhere(
        request,
        "decisions/count_encrypted.html",
        matter,
        status=400 if error else 200,
        form=form,
        error=error,
    )


@requires_post("decisions.write")
def matter_count(request: HttpRequest, pk: int) -> HttpResponse:
    """Count a round. A meeting too thin to decide opens its household-ballot round;
    when that round is secret, its board's shares are shown in this answer, once."""
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    attempt(
        request,
        lambda: services.matter_count(
            actor=request.user,
            matter=matter,
            counting_board=request.POST.get("counting_board", "").splitlines(),
        ),
    )
    if not matter.fallback_shares:
        return redirect("decisions:matter", pk=matter.pk)
    return _shares_page(request, Matter.objects.get(fallback_of=matter), matter.fallback_shares)


@requires_post("decisions.write")
def matter_publish(request: HttpRequest, pk: int) -> HttpResponse:
    form = PublishForm(request.POST)
    if not form.is_valid():
        selectors.matter_get(user=request.user, pk=pk, action="decisions.write")  # or 404
        messages.error(request, _("Hãy ghi tên người chủ trì và thư ký."))
        return redirect("decisions:matter", pk=pk)
    return _act(
        request,
        pk,
        lambda m: services.matter_publish(actor=request.user, matter=m, **form.cleaned_data),
    )


@requires_post("decisions.write")
def matter_void(request: HttpRequest, pk: int) -> HttpResponse:
    form = VoidForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request, pk, lambda m: services.matter_void(actor=request.user, matter=m, reason=reason)
    )


@requires("decisions.write")
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Tick the households present, from the village's household list."""
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    cluster = request.GET.get("cluster", request.POST.get("cluster", "")).strip()
    if request.method == "POST":
        ids = [k for k in map(int_key, request.POST.getlist("household")) if k is not None]
        if done := attempt(
            request,
            lambda: services.attendance_record(
                actor=request.user, matter=matter, household_ids=ids, cluster=cluster
            ),
        ):
            messages.success(request, _("Đã ghi %(n)s hộ dự họp.") % {"n": done.result})
            return redirect("decisions:matter", pk=matter.pk)
    return unit_page(
        request,
        "decisions/attendance.html",
        matter.unit,
        matter=matter,
        rows=selectors.attendance_sheet(
            matter=matter,
            cluster=cluster,
            names=can(request.user, "personal.read", path=matter.unit.path),
        ),
        cluster=cluster,
        village=next((v for v in matter.villages if v["code"] == cluster), None),
    )


@requires_post("decisions.write")
def counts(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    form = CountsForm(request.POST, matter=matter)
    if not form.is_valid():
        messages.error(request, _("Số biểu quyết phải là số không âm."))
    elif attempt(
        request,
        lambda: services.tally_record(
            actor=request.user,
            matter=matter,
            counts=form.counts(),
            cluster=form.cleaned_data.get("cluster", ""),
            present=form.cleaned_data.get("present"),
        ),
    ):
        messages.success(request, _("Đã ghi số biểu quyết."))
    return redirect("decisions:matter", pk=matter.pk)


@requires_post("decisions.write")
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    form = CorrectionForm(request.POST, matter=matter)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập đủ số phiếu và lý do đính chính."))
        return redirect("decisions:matter", pk=matter.pk)
    return _act(
        request,
        pk,
        lambda m: services.matter_correct(
            actor=request.user,
            matter=m,
            counts=form.counts(),
            reason=form.cleaned_data["reason"],
            cluster=form.cleaned_data.get("cluster", ""),
        ),
    )


@requires_post("decisions.write")
def key_in(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    if matter.encrypted:
        _key_in_paper(request, matter)
        return redirect("decisions:matter", pk=matter.pk)
    form = KeyInForm(request.POST, matter=matter)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập số phiếu."))
    elif attempt(
        request,
        lambda: services.ballots_key_in(
            actor=request.user,
            matter=matter,
            entries=[(form.cleaned_data["form_number"], form.cleaned_data["choice"])],
        ),
    ):
        number = form.cleaned_data["form_number"]
        messages.success(request, _("Đã nhập phiếu số %(n)s.") % {"n": number})
    return redirect("decisions:matter", pk=matter.pk)


def _key_in_paper(request: HttpRequest, matter: Matter) -> None:
    """An encrypted round's paper: the stubs (codes, no choice) or the ballots (counts,
    no code), keyed in apart by the counting board."""
    form: StubsForm | PaperBallotsForm
    try:
        if request.POST.get("part") == "stubs":
            form = StubsForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Hãy nhập mã trên cuống phiếu."))
            n = services.stubs_key_in(actor=request.user, matter=matter, codes=form.code_list())
            messages.success(request, _("Đã nhận %(n)s cuống phiếu.") % {"n": n})
        else:
            form = PaperBallotsForm(request.POST, matter=matter)
            if not form.is_valid():
                raise DomainError(_("Số phiếu không hợp lệ."))
            n = services.paper_ballots_key_in(
                actor=request.user,
                matter=matter,
                counts=form.counts(),
                spoiled=form.cleaned_data["spoiled"],
                cluster=form.cleaned_data.get("cluster", ""),
                valid=form.cleaned_data.get("valid"),
            )
            messages.success(request, _("Đã nhập %(n)s phiếu giấy (đã mã hoá).") % {"n": n})
    except DomainError as error:
        messages.error(request, error.message)


@requires("codes.read")
def code_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """Printable forms: number, household, one-time code and its QR code. Only the
    round's organisers open it, and each opening is written to the audit log."""
    matter = selectors.matter_get(user=request.user, pk=pk, action="codes.read")
    rows = services.code_sheet_view(actor=request.user, matter=matter)
    vote_url = request.build_absolute_uri(reverse("decisions:vote"))
    for row in rows:
        # After "#": the browser keeps the code to itself (see `vote`).
        row["qr"] = segno.make(f"{vote_url}#code={row['code']}", error="m").svg_inline(scale=2)
    options = list(matter.options.all()) if matter.encrypted else []
    return unit_page(
        request, "decisions/code_sheet.html", matter.unit, matter=matter, rows=rows, options=options
    )


@requires("records.read")
def minutes_file(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get(user=request.user, pk=pk)
    name = file_name("bien-ban", matter.unit.name, matter.pk, extension="docx")
    return attachment(minutes.minutes_docx(matter=matter), name)


@requires(PUBLIC)
@pagecache.cached
def public_result(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_public_get(pk=pk)
    pagecache.depends_on(request, matter.unit)
    return unit_page(
        request,
        "decisions/public_result.html",
        matter.unit,
        public=True,
        matter=matter,
        has_record=matter.encrypted and selectors.round_record(matter=matter) is not None,
        outcome=selectors.outcome_published(matter=matter),
    )


@requires(PUBLIC)
def round_record(request: HttpRequest, pk: int) -> HttpResponse:
    """A published encrypted round's verification record, as a JSON file anyone can
    check with `coso verify-round FILE`."""
    matter = selectors.matter_public_get(pk=pk)
    record = selectors.round_record(matter=matter)
    if record is None:
        raise Http404
    response = JsonResponse(record, json_dumps_params={"indent": 1})
    name = file_name("ho-so-kiem-chung", matter.unit.name, matter.pk, extension="json")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(PUBLIC)
def receipt_check(request: HttpRequest, pk: int) -> HttpResponse:
    """A voter pastes their receipt and sees whether it is on the published list (a POST:
    a receipt never travels in a URL)."""
    matter = selectors.matter_public_get(pk=pk)
    if not matter.encrypted:
        raise Http404
    form = ReceiptForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = selectors.receipt_listed(matter=matter, receipt=form.cleaned_data["receipt"])
    return unit_page(
        request,
        "decisions/receipt_check.html",
        matter.unit,
        public=True,
        matter=matter,
        form=form,
        found=found,
    )


@requires(PUBLIC)
def vote(request: HttpRequest) -> HttpResponse:
    """A household votes online with the code on its form. The printed QR code carries
    the code after "#", which browsers never send: vote.js copies it into the form, so
    the code travels in a POST body and reaches no access log. (Forms printed before
    that carry "?code=", still read.) Every code tried counts against the address's
    rate limit, whatever the method, so codes cannot be guessed by the thousand."""
    form = VoteForm(request.POST or request.GET or None)
    if form.is_bound and over_limit(request, "vote"):
        return too_many(request)
    context: dict[str, Any] = {"form": form, "matter": None, "done": False}
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if request.method == "POST" and "cast" in request.POST:
                context["matter"] = services.vote_online(
                    code=code, choice=request.POST.getlist("choice")
                )
                context["done"] = True
                context["receipt"] = context["matter"].receipt
            else:
                context["matter"] = services.code_for_vote(code).matter
        except DomainError as error:
            add_domain_error(form, error)
            if error.field == "choice":  # the code is good: ask for the choice again
                context["matter"] = services.code_for_vote(code).matter
    return render(request, "decisions/vote.html", context)


@requires(PUBLIC)
def vote_signed_in(request: HttpRequest, pk: int) -> HttpResponse:
    """A signed-in household that chose online voting votes in a round of its village
    without typing its code: the server claims the household's own code (the same path
    as a typed code, `services.vote_signed_in`). Other households' rounds answer 404."""
    access = hooks.ask("households.signed_in")(request.session)
    if access is None:
        return redirect("residents:sign_in")
    matter = selectors.household_round_get(household=access.household, pk=pk)
    if request.method == "POST" and over_limit(request, "vote"):
        return too_many(request)
    error = ""
    if request.method == "POST":
        try:
            receipt = services.vote_signed_in(
                household=access.household, matter=matter, choice=request.POST.getlist("choice")
            ).receipt
        except DomainError as refused:
            error = refused.message
        else:
            if receipt:  # an encrypted round's: shown on this answer, never in a URL
                return render(
                    request, "decisions/vote_receipt.html", {"matter": matter, "receipt": receipt}
                )
            messages.success(request, _("Đã ghi nhận ý kiến của hộ. Cảm ơn!"))
            return redirect("residents:home")
    try:
        services.code_of_household(household=access.household, matter=matter)
        votable = True
    except DomainError as refused:
        votable, error = False, error or refused.message
    return render(
        request,
        "decisions/vote_signed_in.html",
        {"matter": matter, "error": error, "votable": votable},
        status=400 if error and request.method == "POST" else 200,
    )
