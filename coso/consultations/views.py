"""Consultation pages: a commune's drafts and each one's clauses, where a signed-in
household comments clause by clause; the published synthesis (web and DOCX) with every
opinion's outcome and the final text beside the draft; for officials, publishing a
draft, keying in opinions, closing, answering and publishing the result."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from coso import rules
from coso.consultations import selectors, services
from coso.consultations.documents import synthesis_docx
from coso.consultations.forms import AnswerForm, CommentForm, DraftForm, RecordForm, ResultForm
from coso.consultations.models import Consultation, Opinion, Status
from coso.core import hooks
from coso.core.downloads import attachment, file_name
from coso.core.permissions import PUBLIC, can, get_or_404, requires
from coso.core.ratelimit import limit_posts
from coso.core.views import attempt, attempt_form, pick, requires_post
from coso.units import selectors as units
from coso.units import unit_form_page, unit_list_page, unit_page


def _labels() -> dict[str, Any]:
    return {
        "categories": {i["key"]: i["label"] for i in rules.value("consultation.catalogue")},
        "sources": {"online": _("Hộ góp ý trực tuyến")}
        | {i["key"]: i["label"] for i in rules.value("consultation.forms")},
    }


def _ways(consultation: Consultation) -> list[str]:
    sources = _labels()["sources"]
    return [sources.get(key, key) for key in consultation.forms]


def _diffs(consultation: Consultation) -> dict[int, Any]:
    if consultation.status != Status.PUBLISHED:
        return {}
    return {c.pk: selectors.word_diff(c.text, c.final_text) for c in consultation.clauses.all()}


@requires(PUBLIC)
def public_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_public(code=code)
    return unit_list_page(
        request, "consultations/list.html", unit, selectors.consultations, public=True, **_labels()
    )


@requires(PUBLIC)
@limit_posts("petition")
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft clause by clause; a signed-in household of the commune comments on any
    clause while it is open. Once published: every opinion's outcome, no one's name."""
    consultation = selectors.public_get(pk=pk)
    access = hooks.ask("households.signed_in")(request.session)
    if request.method == "POST":
        form = CommentForm(request.POST)
        if access is None:
            return redirect("residents:sign_in")
        _comment(request, form, access.household, consultation)
        return redirect("consultations:public_detail", pk=pk)
    return unit_page(
        request,
        "consultations/detail.html",
        consultation.unit,
        public=True,
        consultation=consultation,
        household=access.household if access else None,
        commenting=consultation.status == Status.OPEN,
        diffs=_diffs(consultation),
        ways=_ways(consultation),
        **_labels(),
    )


def _comment(
    request: HttpRequest, form: CommentForm, household: Any, consultation: Consultation
) -> None:
    """Send the household's opinion on a clause (or the draft as a whole); say how it went."""
    if not form.is_valid():
        messages.error(request, _("Hãy ghi nội dung ý kiến."))
        return
    clause = next(
        (c for c in consultation.clauses.all() if c.pk == form.cleaned_data["clause"]), None
    )
    if attempt(
        request,
        lambda: services.opinion_send(
            household=household,
            consultation=consultation,
            clause=clause,
            text=form.cleaned_data["text"],
        ),
    ):
        messages.success(request, _("Đã gửi ý kiến của hộ."))


@requires(PUBLIC)
def public_docx(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.public_get(pk=pk)
    if consultation.status != Status.PUBLISHED:
        raise Http404
    name = file_name("tong-hop-y-kien", consultation.unit.name, consultation.pk, extension="docx")
    return attachment(synthesis_docx(consultation), name)


@requires("records.read")
def official_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    writer = unit.kind == "commune" and can(request.user, "consultations.write", path=unit.path)
    return unit_list_page(
        request,
        "consultations/list.html",
        unit,
        selectors.consultations,
        writer=writer,
        **_labels(),
    )


def _draft(form: DraftForm) -> services.Draft:
    d = form.cleaned_data
    return services.Draft(
        clauses=form.clause_texts(),
        forms=d["methods"],
        **pick(d, "category title summary closes_on"),
    )


@requires("consultations.write")
def new(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action="consultations.write")
    form = DraftForm(request.POST or None)
    if done := attempt_form(
        form,
        lambda d: services.consultation_publish(actor=request.user, unit=unit, draft=_draft(form)),
    ):
        return redirect("consultations:detail", pk=done.result.pk)
    return unit_form_page(request, "consultations/new.html", unit, form)


def _detail(request: HttpRequest, consultation: Consultation, **forms: Any) -> HttpResponse:
    writer = can(request.user, "consultations.write", path=consultation.unit.path)
    closed = writer and consultation.status == Status.CLOSED
    return unit_page(
        request,
        "consultations/detail.html",
        consultation.unit,
        status=400 if forms else 200,
        consultation=consultation,
        writer=writer,
        personal=can(request.user, "personal.read", path=consultation.unit.path),
        record_form=forms.get("record")
        or (
            RecordForm(consultation=consultation)
            if writer and consultation.status == Status.OPEN
            else None
        ),
        answer_form=AnswerForm() if closed else None,
        result_form=forms.get("result") or (ResultForm() if closed else None),
        diffs=_diffs(consultation),
        ways=_ways(consultation),
        **_labels(),
    )


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.consultation_get(user=request.user, pk=pk))


def _writable(request: HttpRequest, pk: int) -> Consultation:
    return selectors.consultation_get(user=request.user, pk=pk, action="consultations.write")


@requires_post("consultations.write")
def record(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _writable(request, pk)
    form = RecordForm(request.POST, consultation=consultation)
    if attempt_form(
        form,
        lambda d: services.opinion_record(
            actor=request.user,
            consultation=consultation,
            clause=next((c for c in consultation.clauses.all() if c.pk == d["clause"]), None),
            **pick(d, "text source contributor received_on"),
        ),
    ):
        messages.success(request, _("Đã ghi ý kiến."))
        return redirect("consultations:detail", pk=pk)
    return _detail(request, consultation, record=form)


@requires_post("consultations.write")
def close(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _writable(request, pk)
    attempt(
        request, lambda: services.consultation_close(actor=request.user, consultation=consultation)
    )
    return redirect("consultations:detail", pk=pk)


@requires_post("consultations.write")
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    opinions = Opinion.objects.select_related("consultation__unit")
    opinion = get_or_404(
        opinions, request.user, "consultations.write", path_field="consultation__unit__path", pk=pk
    )
    form = AnswerForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.opinion_answer(
                actor=request.user, opinion=opinion, **form.cleaned_data
            ),
        )
    else:
        messages.error(request, _("Hãy chọn kết quả."))
    return redirect("consultations:detail", pk=opinion.consultation_id)


@requires_post("consultations.write")
def result(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _writable(request, pk)
    form = ResultForm(request.POST)
    finals = {
        c.pk: request.POST.get(f"final_{c.pk}", "")[: settings.COSO_TEXT_MAX_CHARS]
        for c in consultation.clauses.all()  # prefetched with the consultation
    }
    if attempt_form(
        form,
        lambda d: services.consultation_result(
            actor=request.user, consultation=consultation, synthesis=d["synthesis"], finals=finals
        ),
    ):
        messages.success(request, _("Đã công khai kết quả."))
        return redirect("consultations:detail", pk=pk)
    return _detail(request, consultation, result=form)
