"""Follow-up pages: the owning unit's work list, a record with its steps and evidence,
the update form; and the page where the resident who raised one confirms or objects."""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coso.core import hooks
from coso.core.permissions import PUBLIC, can, requires
from coso.core.ratelimit import limit_posts
from coso.core.views import attempt, attempt_form, file_response, pick, requires_post
from coso.followups import selectors, services
from coso.followups.forms import MoveForm, RespondForm
from coso.followups.selectors import WHICH
from coso.units import selectors as units
from coso.units import unit_page, work_list_page


@requires("records.read")
def worklist(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    which = request.GET.get("which", "open")
    which = which if which in WHICH else "open"
    query = request.GET.get("q", "")[:100]
    return work_list_page(
        request,
        "followups/worklist.html",
        unit,
        selectors.worklist,
        filters={"which": which, "query": query},
        which=which,
        q=query,
        choices=[
            ("open", _("Đang theo dõi")),
            ("overdue", _("Quá hạn")),
            ("soon", _("Sắp đến hạn")),
            ("closed", _("Đã xong")),
        ],
    )


def _detail(request: HttpRequest, pk: int, form: MoveForm | None = None) -> HttpResponse:
    followup = selectors.followup_get(user=request.user, pk=pk)
    owner = can(request.user, "followups.write", path=followup.unit.path)
    return unit_page(
        request,
        "followups/detail.html",
        followup.unit,
        status=400 if form is not None else 200,
        followup=followup,
        origin_url=getattr(followup.origin, "official_url", None),
        personal=can(request.user, "personal.read", path=followup.unit.path),
        form=(form or MoveForm()) if owner and followup.is_open else None,
        reopen=owner and not followup.is_open,
    )


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@requires_post("followups.write")
def move(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_get(user=request.user, pk=pk, action="followups.write")
    form = MoveForm(request.POST, request.FILES)
    if attempt_form(
        form,
        lambda d: services.followup_move(
            actor=request.user,
            followup=followup,
            files=d["evidence"],
            **pick(d, "status note on"),
        ),
    ):
        messages.success(request, _("Đã cập nhật."))
        return redirect("followups:detail", pk=pk)
    return _detail(request, pk, form)


@requires_post("followups.write")
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_get(user=request.user, pk=pk, action="followups.write")
    note = request.POST.get("note", "")
    attempt(
        request,
        lambda: services.followup_move(
            actor=request.user, followup=followup, status="in_progress", note=note
        ),
    )
    return redirect("followups:detail", pk=pk)


@requires("records.read")
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.evidence_get(user=request.user, pk=pk)
    return file_response(evidence)


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
    answered = (
        attempt_form(
            form,
            lambda d: services.followup_respond(
                code=d["code"], confirmed=d["answer"] == "confirm", note=d["note"]
            ),
        )
        if answering
        else None
    )
    if answered:
        followup, done = answered.result, True
        form = RespondForm(initial={"code": code})
    if code and followup is None:
        messages.error(request, _("Mã xác nhận không đúng. Hãy kiểm tra lại mã."))
    return render(
        request,
        "followups/respond.html",
        {"form": form, "followup": followup, "code": code, "done": done},
        status=400 if form.errors or (code and followup is None) else 200,
    )
