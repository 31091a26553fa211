"""The disclosures printed on paper: the notice posted on the notice board."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from coso.core.permissions import PUBLIC, requires
from coso.core.qr import qr_svg
from coso.disclosures import catalogues, selectors
from coso.units import unit_page


@requires(PUBLIC)
def notice(request: HttpRequest, series: str) -> HttpResponse:
    """The notice for the notice board (posted at the commune's office and the villages'
    cultural houses, GDL art. 13(2)): title, unit, posting period and a QR code of the
    disclosure's stable public address, where the whole text and its files are. Whoever
    may see the disclosure may print it (the same 404 otherwise)."""
    disclosure = selectors.disclosure_visible_get(user=request.user, series=series)
    address = request.build_absolute_uri(
        reverse("disclosures:public_detail", args=[disclosure.series])
    )
    labels = {i["key"]: i["label"] for i in catalogues.items(disclosure.unit)}
    return unit_page(
        request,
        "disclosures/notice.html",
        disclosure.unit,
        public=True,
        d=disclosure,
        category=labels.get(disclosure.category, ""),
        address=address,
        qr=qr_svg(address),
    )
