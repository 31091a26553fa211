"""The public's pages for a published round: its result, its verification record, and a
voter's receipt check."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from coso.core import pagecache
from coso.core.downloads import file_name
from coso.core.permissions import PUBLIC, requires
from coso.decisions import selectors
from coso.decisions.forms import ReceiptForm
from coso.units import unit_page


@requires(PUBLIC)
@pagecache.cached
def public_result(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_public_get(pk=pk)
    pagecache.depends_on(request, matter.unit)
    return unit_page(
        request,
        "decisions/public_result.html",
        matter.unit,
        public=True,
        matter=matter,
        has_record=matter.encrypted and selectors.round_record(matter=matter) is not None,
        outcome=selectors.outcome_published(matter=matter),
    )


@requires(PUBLIC)
def round_record(request: HttpRequest, pk: int) -> HttpResponse:
    """A published encrypted round's verification record, as a JSON file anyone can
    check with `coso verify-round FILE`."""
    matter = selectors.matter_public_get(pk=pk)
    record = selectors.round_record(matter=matter)
    if record is None:
        raise Http404
    response = JsonResponse(record, json_dumps_params={"indent": 1})
    name = file_name("ho-so-kiem-chung", matter.unit.name, matter.pk, extension="json")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(PUBLIC)
def receipt_check(request: HttpRequest, pk: int) -> HttpResponse:
    """A voter pastes their receipt and sees whether it is on the published list (a POST:
    a receipt never travels in a URL)."""
    matter = selectors.matter_public_get(pk=pk)
    if not matter.encrypted:
        raise Http404
    form = ReceiptForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = selectors.receipt_listed(matter=matter, receipt=form.cleaned_data["receipt"])
    return unit_page(
        request,
        "decisions/receipt_check.html",
        matter.unit,
        public=True,
        matter=matter,
        form=form,
        found=found,
    )
