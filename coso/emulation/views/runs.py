"""Runs: starting one, its page (ranking and each unit's explained breakdown), its
moves, exports; a unit's result with its objections; scoring an assessed line."""

from typing import Any

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from coso.core.permissions import can, requires
from coso.core.views import attempt, attempt_form, pick, requires_post
from coso.emulation import exports, selectors, services
from coso.emulation.forms import AnswerForm, ObjectionForm, RunForm, ScoreForm
from coso.emulation.models import CriteriaSet, Run
from coso.units import selectors as units
from coso.units import unit_form_page, unit_page


@requires("emulation.write")
def run_new(request: HttpRequest, code: str) -> HttpResponse:
    scope = units.unit_get_for_user(user=request.user, code=code, action="emulation.write")
    owners = [a.pk for a in units.ancestors(unit=scope)] + [scope.pk]
    sets = CriteriaSet.objects.filter(owner_id__in=owners).order_by("-year", "name", "-version")
    form = RunForm(request.POST or None, sets=sets)
    if done := attempt_form(
        form,
        lambda d: services.run_create(
            actor=request.user, scope=scope, **pick(d, "criteria_set period")
        ),
        aliases={"scope": "criteria_set"},
    ):
        messages.success(request, _("Đã tính điểm dự thảo."))
        return redirect("emulation:run", pk=done.result.pk)
    return unit_form_page(request, "emulation/run_new.html", scope, form)


def run_context(request: HttpRequest, run: Run) -> dict[str, Any]:
    """What the run's page and its exports show: the ranking, each unit's lines."""
    return {
        "run": run,
        "results": exports.explained(run),
        "assessor": services.may_assess(request.user, run),
        "free_text": selectors.free_text_visible(request.user, run),
        "open_objections": selectors.open_objections(run),
    }


@requires("records.read")
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(user=request.user, pk=pk)
    return unit_page(request, "emulation/run.html", run.scope, **run_context(request, run))


def _move(request: HttpRequest, pk: int, service: Any, said: str) -> HttpResponse:
    run = selectors.run_get(user=request.user, pk=pk)
    if not services.may_assess(request.user, run):
        raise Http404
    if attempt(request, lambda: service(actor=request.user, run=run)):
        messages.success(request, said)
    return redirect("emulation:run", pk=pk)


@requires_post("emulation.write")
def run_compute(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, services.run_compute, _("Đã tính lại điểm từ số liệu."))


@requires_post("emulation.write")
def run_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, services.run_publish, _("Đã công bố để các đơn vị kiến nghị."))


@requires_post("emulation.write")
def run_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, services.run_finalise, _("Kết quả đã chính thức."))


@requires("records.read")
def run_docx(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(user=request.user, pk=pk)
    return exports.download(exports.run_docx(run=run), run, "docx")


@requires("records.read")
def run_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(user=request.user, pk=pk)
    return exports.download(exports.run_xlsx(run=run), run, "xlsx")


def _result_page(
    request: HttpRequest, result: Any, status: int = 200, **forms: Any
) -> HttpResponse:
    run = result.run
    return unit_page(
        request,
        "emulation/result.html",
        result.unit,
        status=status,
        result=result,
        run=run,
        lines=exports.explained_lines(result, run),
        assessor=services.may_assess(request.user, run),
        objector=can(request.user, "emulation.object", path=result.unit.path)
        and run.status == "objections",
        free_text=selectors.free_text_visible(request.user, run, result.unit),
        objection_form=forms.get("objection") or ObjectionForm(),
        answer_form=forms.get("answer") or AnswerForm(),
        failed=forms.get("failed"),
    )


@requires("records.read")
def result_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _result_page(request, selectors.result_get(user=request.user, pk=pk))


@requires("personal.read")
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """A scored line's evidence file, for whoever may read the unit's result and its
    free text (the unit's officials, the assessing body's administrators)."""
    result = selectors.result_get(user=request.user, pk=selectors.result_of_line(pk))
    line = next((x for x in result.lines.all() if x.pk == pk), None)
    if (
        line is None
        or not line.evidence
        or not selectors.free_text_visible(request.user, result.run, result.unit)
    ):
        raise Http404
    return FileResponse(
        default_storage.open(line.evidence, "rb"),
        filename=line.evidence_name,
        content_type=line.evidence_type,
    )


@requires("emulation.write")
def line_score(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.line_get(user=request.user, pk=pk)
    form = ScoreForm(
        request.POST or None,
        request.FILES or None,
        initial={"points": line.points, "note": line.note},
    )
    if attempt_form(
        form,
        lambda d: services.line_score(
            actor=request.user, line=line, **pick(d, "points note evidence")
        ),
    ):
        messages.success(request, _("Đã ghi điểm."))
        return redirect("emulation:run", pk=line.result.run_id)
    return unit_form_page(request, "emulation/score.html", line.result.unit, form, line=line)


@requires_post("emulation.object")
def line_object(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.line_for_objection(user=request.user, pk=pk)
    form = ObjectionForm(request.POST)
    if attempt_form(
        form, lambda d: services.objection_lodge(actor=request.user, line=line, reason=d["reason"])
    ):
        messages.success(request, _("Đã gửi kiến nghị."))
        return redirect("emulation:result", pk=line.result_id)
    result = selectors.result_get(user=request.user, pk=line.result_id)
    return _result_page(request, result, 400, objection=form, failed=line.pk)


@requires_post("emulation.write")
def objection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    objection = selectors.objection_get(user=request.user, pk=pk)
    form = AnswerForm(request.POST)
    if attempt_form(
        form,
        lambda d: services.objection_answer(
            actor=request.user, objection=objection, **pick(d, "accept reply points")
        ),
    ):
        messages.success(request, _("Đã trả lời kiến nghị."))
        return redirect("emulation:result", pk=objection.line.result_id)
    result = selectors.result_get(user=request.user, pk=objection.line.result_id)
    return _result_page(request, result, 400, answer=form, failed=objection.line_id)
