"""The officials' topic confirmation of one record's concern (`concerns.write`): the
widget under each record on its page posts here — with HTMX the widget is swapped in
place, without JavaScript the browser comes back to the record's page."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coso.concerns import services, widget
from coso.concerns.models import Concern
from coso.core.errors import DomainError
from coso.core.permissions import get_or_404, requires
from coso.units import unit_page

WRITE = "concerns.write"


def _concern(request: HttpRequest, pk: int) -> Concern:
    """The concern if the user may classify it where it was raised (else 404)."""
    concerns = Concern.objects.select_related("unit", "household", "commune")
    return get_or_404(concerns, request.user, WRITE, path_field="unit__path", pk=pk)


def _household(concern: Concern, code: str) -> Any:
    """The household the form names: unchanged when the code is the one linked."""
    code = code.strip()
    if code == (concern.household.code if concern.household_id else ""):
        return services.UNCHANGED
    return services.household_in_commune(concern=concern, code=code) if code else None


def _save(request: HttpRequest, concern: Concern) -> tuple[Concern, str]:
    """Classify from the posted form; the concern as it now stands and the refusal."""
    try:
        household = _household(concern, request.POST.get("household", "")[:40])
        topics = [t[:40] for t in request.POST.getlist("topics")[:50]]
        done = services.classify(
            actor=request.user, concern=concern, topics=topics, household=household
        )
    except DomainError as error:
        return concern, error.message
    return Concern.objects.select_related("unit", "household").get(pk=done.pk), ""


@requires(WRITE)
def classify(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the widget on a page of its own; POST: save the official's topics."""
    concern = _concern(request, pk)
    error = ""
    if request.method == "POST":
        concern, error = _save(request, concern)
        if not request.headers.get("HX-Request"):
            if error:
                messages.error(request, error)
            else:
                messages.success(request, _("Đã lưu chủ đề."))
            return redirect(concern.url) if concern.url else redirect(request.path)
    shown = widget.context(
        user=request.user, concern=concern, catalogue=widget.catalogue(), error=error
    )
    if request.headers.get("HX-Request"):
        return render(request, "concerns/classify_widget.html", shown)
    return unit_page(request, "concerns/classify_page.html", concern.unit, **shown)
