"""Support pages: a commune's programmes and each posted list, where residents object
while it is posted; for officials, recording a programme, its households, posting the
list and answering objections."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core.permissions import PUBLIC, can, requires
from coso.core.ratelimit import limit_posts
from coso.core.views import attempt, attempt_form, requires_post
from coso.support import selectors, services
from coso.support.forms import AnswerForm, ObjectionForm, ProgrammeForm, RecipientsForm
from coso.support.models import Programme
from coso.units import selectors as units
from coso.units import unit_form_page, unit_list_page, unit_page


def _open(programme: Programme) -> bool:
    today = timezone.localdate()
    return bool(
        programme.posted_on
        and programme.posted_until
        and programme.posted_on <= today <= programme.posted_until
    )


@requires(PUBLIC)
def public_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_public(code=code)
    return unit_list_page(request, "support/list.html", unit, selectors.programmes, public=True)


@requires(PUBLIC)
@limit_posts("petition")
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The posted list and its objections with their answers; no one's identity papers,
    birth date, or the name of whoever objected."""
    programme = selectors.public_get(pk=pk)
    form = ObjectionForm(request.POST or None, programme=programme) if _open(programme) else None
    if form is not None and attempt_form(
        form, lambda d: services.objection_submit(programme=programme, **d)
    ):
        messages.success(
            request, _("Đã nhận ý kiến của bạn. Xã sẽ trả lời trong thời gian niêm yết.")
        )
        return redirect("support:public_detail", pk=pk)
    return unit_page(
        request,
        "support/detail.html",
        programme.unit,
        public=True,
        status=400 if form is not None and form.errors else 200,
        programme=programme,
        form=form,
    )


@requires("records.read")
def official_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    writer = unit.kind == "commune" and can(request.user, "mobilisation.write", path=unit.path)
    return unit_list_page(request, "support/list.html", unit, selectors.programmes, writer=writer)


@requires("mobilisation.write")
def new(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action="mobilisation.write")
    form = ProgrammeForm(request.POST or None)
    if done := attempt_form(
        form,
        lambda d: services.programme_create(
            actor=request.user, unit=unit, data=services.ProgrammeData(**d)
        ),
    ):
        return redirect("support:detail", pk=done.result.pk)
    return unit_form_page(request, "support/new.html", unit, form)


def _detail(request: HttpRequest, programme: Programme, **forms: Any) -> HttpResponse:
    writer = can(request.user, "mobilisation.write", path=programme.unit.path)
    return unit_page(
        request,
        "support/detail.html",
        programme.unit,
        status=400 if forms else 200,
        programme=programme,
        writer=writer,
        personal=can(request.user, "personal.read", path=programme.unit.path),
        recipients_form=forms.get("recipients")
        or (
            RecipientsForm(commune=programme.unit)
            if writer and not programme.disclosure_id
            else None
        ),
        answer_form=AnswerForm() if writer else None,
    )


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.programme_get(user=request.user, pk=pk))


@requires_post("mobilisation.write")
def add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(user=request.user, pk=pk, action="mobilisation.write")
    form = RecipientsForm(request.POST, commune=programme.unit)
    if done := attempt_form(
        form,
        lambda d: services.recipients_add(
            actor=request.user,
            programme=programme,
            village=d["village"],
            codes=d["codes"].splitlines(),
            value=d["value"],
        ),
    ):
        messages.success(request, _("Đã thêm %(n)s hộ.") % {"n": len(done.result)})
        return redirect("support:detail", pk=pk)
    return _detail(request, programme, recipients=form)


@requires_post("mobilisation.write")
def post(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(user=request.user, pk=pk, action="mobilisation.write")
    if attempt(request, lambda: services.programme_post(actor=request.user, programme=programme)):
        messages.success(request, _("Đã niêm yết danh sách."))
    return redirect("support:detail", pk=pk)


@requires_post("mobilisation.write")
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    objection = selectors.objection_get(user=request.user, pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi nội dung trả lời."))
    else:
        attempt(
            request,
            lambda: services.objection_answer(
                actor=request.user, objection=objection, answer=form.cleaned_data["answer"]
            ),
        )
    return redirect("support:detail", pk=objection.programme_id)
