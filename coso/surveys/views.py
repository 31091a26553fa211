"""Survey pages. Officials: a unit's surveys, a new survey, drawing the sample, the
one-time links to print, keying in a paper form, closing, and the survey's results.
Households: a signed-in household's open surveys and its answer form, the answer form
of a one-time link, and the thank-you page — plain forms, no script needed."""

import csv
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from coso.core import hooks
from coso.core.dates import iso_day
from coso.core.errors import DomainError
from coso.core.forms import add_domain_error
from coso.core.pagination import int_key
from coso.core.permissions import PUBLIC, can, requires
from coso.core.ratelimit import limit_posts
from coso.core.views import attempt, attempt_form, requires_post
from coso.surveys import selectors, services
from coso.surveys.forms import AnswerForm, DrawForm, KeyInForm, SurveyForm
from coso.surveys.models import Survey
from coso.units import selectors as units
from coso.units import unit_form_page, unit_page

WRITE = services.WRITE


@requires("records.read")
def official_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    query = request.GET.get("q", "")[:100]
    closing = (iso_day(request.GET.get("from")), iso_day(request.GET.get("to")))
    page = selectors.surveys(
        unit=unit,
        user=request.user,
        query=query,
        closing=closing,
        after=int_key(request.GET.get("after")),
        size=50,
    )
    return unit_page(
        request,
        "surveys/list.html",
        unit,
        page=page,
        query=query,
        writer=can(request.user, WRITE, path=unit.path),
    )


@requires(WRITE)
def new(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action=WRITE)
    form = SurveyForm(request.POST or None)
    if done := attempt_form(
        form,
        lambda d: services.survey_create(
            actor=request.user, unit=unit, data=services.SurveyData(**d)
        ),
    ):
        return redirect("surveys:detail", pk=done.result.pk)
    return unit_form_page(request, "surveys/new.html", unit, form)


def _detail(request: HttpRequest, survey: Survey, status: int = 200, **forms: Any) -> HttpResponse:
    writer = can(request.user, WRITE, path=survey.unit.path)
    personal = can(request.user, "personal.read", path=survey.unit.path)
    return unit_page(
        request,
        "surveys/detail.html",
        survey.unit,
        status=status,
        survey=survey,
        writer=writer,
        results=selectors.results(survey=survey),
        frames=selectors.frames(survey=survey),
        comments=selectors.comment_answers(survey=survey) if personal else None,
        draw_form=forms.get("draw") or DrawForm(),
    )


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.survey_get(user=request.user, pk=pk))


@requires_post(WRITE)
def draw(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(user=request.user, pk=pk, action=WRITE)
    form = DrawForm(request.POST)
    if done := attempt_form(
        form, lambda d: services.survey_draw(actor=request.user, survey=survey, seed=d["seed"])
    ):
        messages.success(request, _("Đã chọn %(n)s hộ.") % {"n": len(done.result)})
        return redirect("surveys:detail", pk=pk)
    return _detail(request, survey, status=400, draw=form)


@requires_post(WRITE)
def close(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(user=request.user, pk=pk, action=WRITE)
    if attempt(request, lambda: services.survey_close(actor=request.user, survey=survey)):
        messages.success(request, _("Đã kết thúc khảo sát và tính kết quả."))
    return redirect("surveys:detail", pk=pk)


@requires(WRITE)
def links(request: HttpRequest, pk: int) -> HttpResponse:
    """The invited households' one-time links, to print or download (CSV)."""
    survey = selectors.survey_get(user=request.user, pk=pk, action=WRITE)
    rows = selectors.links(survey=survey)
    base = request.build_absolute_uri("/")[:-1]
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="survey-{pk}-links.csv"'
        writer = csv.writer(response)
        writer.writerow(["village", "household", "link", "answered"])
        for row in rows:
            link = base + reverse("surveys:by_link", args=[row.token])
            writer.writerow([row.household.village.name, row.household.code, link, row.used])
        return response
    return unit_page(
        request, "surveys/links.html", survey.unit, survey=survey, rows=rows, base=base
    )


@requires(WRITE)
def key_in(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(user=request.user, pk=pk, action=WRITE)
    form = KeyInForm(request.POST or None, questionnaire=survey.questionnaire)
    if attempt_form(
        form,
        lambda d: services.answer_key_in(
            actor=request.user, survey=survey, household_code=d["household"], answers=d
        ),
    ):
        messages.success(
            request, _("Đã nhập phiếu của hộ %(code)s.") % {"code": form.cleaned_data["household"]}
        )
        return redirect("surveys:key_in", pk=pk)
    return unit_form_page(request, "surveys/key_in.html", survey.unit, form, survey=survey)


def _household(request: HttpRequest) -> Any:
    access = hooks.ask("households.signed_in")(request.session)
    return None if access is None else access.household


@requires(PUBLIC)
def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in household's open surveys."""
    household = _household(request)
    if household is None:
        return redirect("residents:sign_in")
    found = list(selectors.open_for_household(household=household)[:20])
    return render(request, "surveys/mine.html", {"surveys": found})


def _answer_page(request: HttpRequest, survey: Survey, submit: Any, *, action: str) -> HttpResponse:
    form = AnswerForm(request.POST or None, questionnaire=survey.questionnaire)
    if form.is_bound and form.is_valid():
        try:
            submit(form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("surveys:thanks")
    return render(
        request,
        "surveys/answer.html",
        {"survey": survey, "form": form, "action": action},
        status=400 if form.errors else 200,
    )


@requires(PUBLIC)
@limit_posts("vote")
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """A signed-in household answers one of its surveys (404 for a survey it is not
    asked in)."""
    household = _household(request)
    if household is None:
        return redirect("residents:sign_in")
    survey = selectors.household_survey_get(household=household, pk=pk)
    return _answer_page(
        request,
        survey,
        lambda d: services.answer_signed_in(household=household, survey=survey, answers=d),
        action=reverse("surveys:answer", args=[pk]),
    )


@requires(PUBLIC)
@limit_posts("vote")
def by_link(request: HttpRequest, token: str) -> HttpResponse:
    """A household answers by its one-time link, without an account."""
    try:
        invited = services.invitation_by_token(token)
    except DomainError as error:
        return render(request, "surveys/link_used.html", {"error": error.message}, status=404)
    return _answer_page(
        request,
        invited.survey,
        lambda d: services.answer_by_token(token=token, answers=d),
        action=reverse("surveys:by_link", args=[token]),
    )


@requires(PUBLIC)
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")
