"""A round's papers printed from the browser: the minutes (the household forms with
their codes are the code sheet, `views.code_sheet`)."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from coso.core.permissions import requires
from coso.decisions import minutes as minutes_document
from coso.decisions import selectors
from coso.units import unit_page


@requires("records.read")
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes as a page to print, the same document as the DOCX (`minutes_file`)
    and behind the same permission."""
    matter = selectors.matter_get(user=request.user, pk=pk)
    return unit_page(
        request,
        "core/printed_document.html",
        matter.unit,
        doc=minutes_document.minutes_printed(matter=matter),
        back=reverse("decisions:matter", args=[matter.pk]),
    )
