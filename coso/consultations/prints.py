"""A consultation's papers printed from the browser: the draft posted for residents,
with its closing date."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from coso.consultations import selectors
from coso.consultations.views import _labels, _ways
from coso.core.permissions import PUBLIC, requires
from coso.core.qr import qr_svg
from coso.units import unit_page


@requires(PUBLIC)
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft clause by clause, as the public page shows it, for the notice board and
    the village meeting: when opinions close, how to give one, and a QR code of the
    public page where a signed-in household comments on each clause."""
    consultation = selectors.public_get(pk=pk)
    address = request.build_absolute_uri(
        reverse("consultations:public_detail", args=[consultation.pk])
    )
    return unit_page(
        request,
        "consultations/draft.html",
        consultation.unit,
        public=True,
        consultation=consultation,
        category=_labels()["categories"].get(consultation.category, ""),
        ways=_ways(consultation),
        address=address,
        qr=qr_svg(address),
    )
