"""A petition's papers printed from the browser: the receipt handed to its sender."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from coso.core.documents import PrintedDocument, Signer, issuer_of, place_of
from coso.core.permissions import can, requires
from coso.petitions import selectors
from coso.units import unit_page


@requires("records.read")
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt of a petition, with its tracking code and where to follow it, for
    the official who received it to hand to the sender. The tracking code is already on
    the petition's page: whoever reads the petition may print it; the sender's name only
    for those who may read personal data (never a denouncer's, kept apart encrypted)."""
    petition = selectors.petition_get(user=request.user, pk=pk)
    personal = can(request.user, "personal.read", path=petition.unit.path)
    track = request.build_absolute_uri(reverse("petitions:track"))
    return unit_page(
        request,
        "core/printed_document.html",
        petition.unit,
        doc=_receipt(petition, sender=petition.sender_name if personal else "", track=track),
        back=reverse("petitions:detail", args=[petition.pk]),
    )


def _receipt(petition: Any, *, sender: str, track: str) -> PrintedDocument:
    parent, issuing, _suffix = issuer_of(petition.unit)
    document = PrintedDocument(
        parent_body=parent,
        issuing_body=issuing,
        place=place_of(petition.unit),
        date=petition.received_on,
        kind_title=_("Giấy biên nhận"),
        summary=_("Đơn %(kind)s") % {"kind": petition.get_kind_display().lower()},
    )
    document.paragraph(
        _("%(unit)s đã nhận đơn của ông (bà): %(sender)s.")
        % {"unit": petition.unit.name, "sender": sender or "……………………………"}
    )
    document.paragraph(_("Nội dung: %(subject)s.") % {"subject": petition.subject})
    document.paragraph(
        _("Ngày nhận: %(day)s. Hình thức: %(channel)s.")
        % {"day": f"{petition.received_on:%d/%m/%Y}", "channel": petition.get_channel_display()}
    )
    document.paragraph(_("Mã theo dõi: %(code)s") % {"code": petition.tracking_code}, bold=True)
    if petition.next_due:
        document.paragraph(
            _("Hạn trả lời tiếp theo: %(day)s.") % {"day": f"{petition.next_due:%d/%m/%Y}"}
        )
    document.paragraph(
        _("Tra cứu tình trạng giải quyết đơn tại %(address)s bằng mã theo dõi trên.")
        % {"address": track}
    )
    document.closing(signers=[Signer(title=_("Người nhận đơn"), note=_("(Ký, ghi rõ họ tên)"))])
    return document
