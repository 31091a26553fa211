"""Rating pages: the resident's form (reached from a petition's tracking page, a
follow-up's confirmation page, or the household's page) and its thank-you page; the
officials' list of a unit's ratings."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coso.core import hooks
from coso.core.dates import iso_day
from coso.core.errors import DomainError
from coso.core.permissions import PUBLIC, requires
from coso.core.ratelimit import limit_posts
from coso.core.views import attempt_form
from coso.ratings import selectors, services
from coso.ratings.forms import RatingForm
from coso.ratings.models import Channel, Kind
from coso.ratings.scale import Scale, scale_in_force
from coso.units import selectors as units
from coso.units import unit_page

# Session key: the title of the case just rated, for the thank-you page (once).
THANKED = "rating_thanked"


def _case(request: HttpRequest, code: str, key: str) -> tuple[selectors.Case | None, str]:
    """The case the code names, or (a signed-in household) the case `key` it raised;
    and the channel it was reached by."""
    if code:
        return selectors.case_by_code(code), Channel.CODE
    access = hooks.ask("households.signed_in")(request.session) if key else None
    if access is None:
        return None, Channel.HOUSEHOLD
    return selectors.case_of_household(household=access.household, key=key), Channel.HOUSEHOLD


def _problem(case: selectors.Case | None, asked: bool) -> str:
    """Why the case cannot be rated now, in words for the resident ("" when it can)."""
    if case is None:
        return _("Không tìm thấy đơn hoặc việc với mã này. Hãy kiểm tra lại mã.") if asked else ""
    try:
        services.check_ready(case)
    except DomainError as error:
        return error.message
    return ""


def _recorded(form: RatingForm, case: selectors.Case, channel: str) -> bool:
    """Record the rating the form holds; its refusal goes on the form."""
    done = attempt_form(
        form,
        lambda d: services.rating_create(
            case=case, scores=form.scores(), comment=d["comment"], channel=channel
        ),
        aliases={"code": "", "scores": ""},
    )
    return done is not None


@requires(PUBLIC)
@limit_posts("rating")
def rate(request: HttpRequest) -> HttpResponse:
    """The person who raised a case rates its answer. The code (or the case's key, for
    the signed-in household that raised it) travels only in POST bodies, never in a URL
    a log would keep; a first POST shows the form, the second (`rate`) records it."""
    code = request.POST.get("code", "").strip()[:20]
    key = request.POST.get("case", "").strip()[:40]
    case, channel = _case(request, code, key)
    problem = _problem(case, bool(code or key))
    scale = scale_in_force()
    rating = "rate" in request.POST and case is not None and not problem
    form = RatingForm(
        request.POST if rating else None, scale=scale, initial={"code": code, "case": key}
    )
    if rating and case is not None and _recorded(form, case, channel):
        request.session[THANKED] = case.title
        return redirect("ratings:thanks")
    return render(
        request,
        "ratings/rate.html",
        {"form": form, "case": case, "code": code, "problem": problem, "scale": scale},
        status=400 if problem or form.errors else 200,
    )


@requires(PUBLIC)
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "ratings/thanks.html", {"title": request.session.pop(THANKED, None)})


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "kind": request.GET.get("kind", ""),
        "satisfied": request.GET.get("satisfied", ""),
        "criterion": request.GET.get("criterion", "")[:32],
        "query": request.GET.get("q", "")[:100],
        "start": iso_day(request.GET.get("from")),
        "end": iso_day(request.GET.get("to")),
    }


def _labelled(page: selectors.RatingPage, scale: Scale) -> None:
    """Each row's scores with their criterion's label (an older version's key as is)."""
    labels = scale.labels
    for row in page.items:
        row.score_rows = [  # type: ignore[attr-defined]
            (labels.get(s.criterion, s.criterion), s.points, s.satisfied) for s in row.scores.all()
        ]


@requires("records.read")
def unit_list(request: HttpRequest, code: str) -> HttpResponse:
    """A unit's ratings for its officials: scores for all, comments for those who may
    read personal data."""
    unit = units.unit_get_for_user(user=request.user, code=code)
    filters = _filters(request)
    page = selectors.unit_ratings(
        user=request.user,
        unit=unit,
        after=request.GET.get("after", ""),
        size=settings.PAGE_SIZE,
        **filters,
    )
    scale = scale_in_force()
    _labelled(page, scale)
    return unit_page(
        request,
        "ratings/list.html",
        unit,
        page=page,
        f=filters,
        q=filters["query"],
        scale=scale,
        kinds=Kind.choices,
    )
