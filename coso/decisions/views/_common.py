"""What the decision pages share: acting on a round, and the pages that show or take a
secret round's board shares."""

from typing import Any

import segno
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from coso.core.views import attempt
from coso.decisions import selectors
from coso.decisions.models import Matter
from coso.units import unit_page


def _act(request: HttpRequest, pk: int, action: Any) -> HttpResponse:
    matter = selectors.matter_get(user=request.user, pk=pk, action="decisions.write")
    attempt(request, lambda: action(matter))
    return redirect("decisions:matter", pk=matter.pk)


def _shares_page(request: HttpRequest, matter: Matter, shares: list[str]) -> HttpResponse:
    """A secret round's board shares, each with its QR code, shown once and never
    cached."""
    members = selectors.board_members(matter=matter)
    slips = [
        {"member": m, "share": s, "qr": segno.make(s, error="m").svg_inline(scale=3)}
        for m, s in zip(members, shares, strict=True)
    ]
    return _shares_kept_nowhere(request, "decisions/board_shares.html", matter, slips=slips)


def _shares_kept_nowhere(
    request: HttpRequest, template: str, matter: Matter, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """A page that shows or takes a secret round's shares (with how many it needs): no
    cache may keep it."""
    response = unit_page(
        request,
        template,
        matter.unit,
        status=status,
        matter=matter,
        threshold=matter.round_key.threshold,
        **extra,
    )
    response["Cache-Control"] = "no-store"
    return response
