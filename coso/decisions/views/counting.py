"""Counting a round at the office: attendance, show-of-hands counts, ballots keyed in,
the count itself (plain or with the board's shares), corrections."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from coso.core.errors import DomainError
from coso.core.pagination import int_key
from coso.core.permissions import can, requires
from coso.core.views import attempt, requires_post
from coso.decisions import selectors, services
from coso.decisions.forms import (
    CorrectionForm,
    CountsForm,
    KeyInForm,
    PaperBallotsForm,
    SharesForm,
    StubsForm,
)
from coso.decisions.models import Matter, Status
from coso.decisions.views._common import _act, _shares_kept_nowhere, _shares_page
from coso.units import unit_page


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
