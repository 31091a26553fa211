"""Households voting online: with the code on their form, or signed in."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coso.core import hooks
from coso.core.errors import DomainError
from coso.core.forms import add_domain_error
from coso.core.permissions import PUBLIC, requires
from coso.core.ratelimit import over_limit, too_many
from coso.decisions import selectors, services
from coso.decisions.forms import VoteForm


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
