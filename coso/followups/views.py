"""Follow-up pages: the owning unit's work list, a record with its steps and evidence,
the update form; and the page where the resident who raised one confirms or objects."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coso.core import hooks
from coso.core.dates import iso_day, period_code
from coso.core.errors import DomainError
from coso.core.forms import add_domain_error
from coso.core.permissions import PUBLIC, can, requires
from coso.core.ratelimit import limit_posts
from coso.followups import selectors, services
from coso.followups.forms import MoveForm, RespondForm
from coso.followups.selectors import WHICH
from coso.units import selectors as units


@requires("records.read")
def worklist(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    which = request.GET.get("which", "open")
    which = which if which in WHICH else "open"
    query = request.GET.get("q", "")[:100]
    page = selectors.worklist(
        user=request.user,
        unit=unit,
        which=which,
        query=query,
        after=request.GET.get("after", ""),
        size=settings.PAGE_SIZE,
        as_of=iso_day(request.GET.get("as_of")),
    )
    return render(
        request,
        "followups/worklist.html",
        {
            "unit": unit,
            "page": page,
            "which": which,
            "q": query,
            "period": period_code(request.GET.get("period")),
            "choices": [
                ("open", _("Đang theo dõi")),
                ("overdue", _("Quá hạn")),
                ("soon", _("Sắp đến hạn")),
                ("closed", _("Đã xong")),
            ],
            "official": True,
            "ancestors": units.ancestors(unit=unit, user=request.user),
        },
    )


def _detail(request: HttpRequest, pk: int, form: MoveForm | None = None) -> HttpResponse:
    followup = selectors.followup_get(user=request.user, pk=pk)
    owner = can(request.user, "followups.write", path=followup.unit.path)
    return render(
        request,
        "followups/detail.html",
        {
            "followup": followup,
            "unit": followup.unit,
            "origin_url": getattr(followup.origin, "official_url", None),
            "personal": can(request.user, "personal.read", path=followup.unit.path),
            "form": (form or MoveForm()) if owner and followup.is_open else None,
            "reopen": owner and not followup.is_open,
            "official": True,
            "ancestors": units.ancestors(unit=followup.unit, user=request.user),
        },
        status=400 if form is not None else 200,
    )


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@requires("followups.write")
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_get(user=request.user, pk=pk, action="followups.write")
    form = MoveForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.followup_move(
                actor=request.user,
                followup=followup,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                files=form.cleaned_data["evidence"],
                on=form.cleaned_data["on"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã cập nhật."))
            return redirect("followups:detail", pk=pk)
    return _detail(request, pk, form)


@requires("followups.write")
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_get(user=request.user, pk=pk, action="followups.write")
    try:
        services.followup_move(
            actor=request.user,
            followup=followup,
            status="in_progress",
            note=request.POST.get("note", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("followups:detail", pk=pk)


@requires("records.read")
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.evidence_get(user=request.user, pk=pk)
    return FileResponse(
        evidence.file.open("rb"), filename=evidence.name, content_type=evidence.content_type
    )


@requires(PUBLIC)
@limit_posts("followup")
def respond(request: HttpRequest) -> HttpResponse:
    """The resident who raised a follow-up sees it by the code handed to them, and once
    it is reported done (or not possible) confirms it or objects. The code travels only
    in POST bodies, never in a URL a log would keep."""
    code = request.POST.get("code", "")
    followup = services.followup_by_code(code) if code else None
    access = hooks.ask("households.signed_in")(request.session)
    if followup is not None and access is not None:
        services.followup_claim(followup=followup, household=access.household)
    answering = "answer" in request.POST
    form = RespondForm(request.POST if answering else None, initial={"code": code})
    done = False
    if answering and form.is_valid():
        try:
            followup = services.followup_respond(
                code=form.cleaned_data["code"],
                confirmed=form.cleaned_data["answer"] == "confirm",
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            done = True
            form = RespondForm(initial={"code": code})
    if code and followup is None:
        messages.error(request, _("Mã xác nhận không đúng. Hãy kiểm tra lại mã."))
    return render(
        request,
        "followups/respond.html",
        {"form": form, "followup": followup, "code": code, "done": done},
        status=400 if form.errors or (code and followup is None) else 200,
    )
