"""Consultation pages: a commune's drafts and each one's clauses, where a signed-in
household comments clause by clause; the published synthesis (web and DOCX) with every
opinion's outcome and the final text beside the draft; for officials, publishing a
draft, keying in opinions, closing, answering and publishing the result."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coso import rules
from coso.consultations import selectors, services
from coso.consultations.documents import synthesis_docx
from coso.consultations.forms import AnswerForm, CommentForm, DraftForm, RecordForm, ResultForm
from coso.consultations.models import Consultation, Opinion, Status
from coso.core import hooks
from coso.core.downloads import attachment, file_name
from coso.core.errors import DomainError
from coso.core.forms import add_domain_error
from coso.core.permissions import PUBLIC, can, get_or_404, requires
from coso.core.ratelimit import limit_posts
from coso.units import selectors as units
from coso.units import unit_form_page


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
    items, next_after = selectors.consultations(
        unit=unit, after=request.GET.get("after", ""), size=settings.PAGE_SIZE
    )
    return render(
        request,
        "consultations/list.html",
        {
            "unit": unit,
            "items": items,
            "next_after": next_after,
            **_labels(),
            "ancestors": units.ancestors(unit=unit),
        },
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
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "unit": consultation.unit,
            "household": access.household if access else None,
            "commenting": consultation.status == Status.OPEN,
            "diffs": _diffs(consultation),
            "ways": _ways(consultation),
            **_labels(),
            "ancestors": units.ancestors(unit=consultation.unit),
        },
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
    try:
        services.opinion_send(
            household=household,
            consultation=consultation,
            clause=clause,
            text=form.cleaned_data["text"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
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
    items, next_after = selectors.consultations(
        unit=unit, user=request.user, after=request.GET.get("after", ""), size=settings.PAGE_SIZE
    )
    return render(
        request,
        "consultations/list.html",
        {
            "unit": unit,
            "items": items,
            "next_after": next_after,
            "official": True,
            "writer": unit.kind == "commune"
            and can(request.user, "consultations.write", path=unit.path),
            **_labels(),
            "ancestors": units.ancestors(unit=unit, user=request.user),
        },
    )


@requires("consultations.write")
def new(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action="consultations.write")
    form = DraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            consultation = services.consultation_publish(
                actor=request.user,
                unit=unit,
                draft=services.Draft(
                    category=d["category"],
                    title=d["title"],
                    summary=d["summary"],
                    clauses=form.clause_texts(),
                    forms=d["methods"],
                    closes_on=d["closes_on"],
                ),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("consultations:detail", pk=consultation.pk)
    return unit_form_page(request, "consultations/new.html", unit, form)


def _detail(request: HttpRequest, consultation: Consultation, **forms: Any) -> HttpResponse:
    writer = can(request.user, "consultations.write", path=consultation.unit.path)
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "unit": consultation.unit,
            "official": True,
            "writer": writer,
            "personal": can(request.user, "personal.read", path=consultation.unit.path),
            "record_form": forms.get("record")
            or (
                RecordForm(consultation=consultation)
                if writer and consultation.status == Status.OPEN
                else None
            ),
            "answer_form": AnswerForm()
            if writer and consultation.status == Status.CLOSED
            else None,
            "result_form": forms.get("result")
            or (ResultForm() if writer and consultation.status == Status.CLOSED else None),
            "diffs": _diffs(consultation),
            "ways": _ways(consultation),
            **_labels(),
            "ancestors": units.ancestors(unit=consultation.unit, user=request.user),
        },
        status=400 if forms else 200,
    )


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.consultation_get(user=request.user, pk=pk))


def _writable(request: HttpRequest, pk: int) -> Consultation:
    return selectors.consultation_get(user=request.user, pk=pk, action="consultations.write")


@requires("consultations.write")
@require_POST
def record(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _writable(request, pk)
    form = RecordForm(request.POST, consultation=consultation)
    if form.is_valid():
        d = form.cleaned_data
        clause = next((c for c in consultation.clauses.all() if c.pk == d["clause"]), None)
        try:
            services.opinion_record(
                actor=request.user,
                consultation=consultation,
                clause=clause,
                text=d["text"],
                source=d["source"],
                contributor=d["contributor"],
                received_on=d["received_on"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã ghi ý kiến."))
            return redirect("consultations:detail", pk=pk)
    return _detail(request, consultation, record=form)


@requires("consultations.write")
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.consultation_close(actor=request.user, consultation=_writable(request, pk))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("consultations:detail", pk=pk)


@requires("consultations.write")
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = get_or_404(
        Opinion.objects.select_related("consultation__unit"),
        request.user,
        "consultations.write",
        path_field="consultation__unit__path",
        pk=pk,
    )
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.opinion_answer(actor=request.user, opinion=opinion, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Hãy chọn kết quả."))
    return redirect("consultations:detail", pk=opinion.consultation_id)


@requires("consultations.write")
@require_POST
def result(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _writable(request, pk)
    form = ResultForm(request.POST)
    if form.is_valid():
        finals = {
            c.pk: request.POST.get(f"final_{c.pk}", "")[: settings.COSO_TEXT_MAX_CHARS]
            for c in consultation.clauses.all()
        }
        try:
            services.consultation_result(
                actor=request.user,
                consultation=consultation,
                synthesis=form.cleaned_data["synthesis"],
                finals=finals,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã công khai kết quả."))
            return redirect("consultations:detail", pk=pk)
    return _detail(request, consultation, result=form)
