"""Warning pages: a unit's warnings (its own and its sub-units'), acknowledging one,
and turning one into a follow-up. Views stay thin: the scoped fetch (404 elsewhere),
one service or selector, a page."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from coso.alerts import selectors, services
from coso.alerts.forms import FollowupForm
from coso.core.permissions import can, requires
from coso.core.views import attempt, attempt_form, pick, requires_post
from coso.units import selectors as units
from coso.units import unit_page

WRITE = "warnings.write"


@requires(selectors.READ)
def unit_list(request: HttpRequest, code: str) -> HttpResponse:
    """The warnings of a unit and of the units under it, newest first, a page by key."""
    unit = units.unit_get_for_user(user=request.user, code=code, action=selectors.READ)
    show = selectors.ALL if request.GET.get("show") == selectors.ALL else selectors.OPEN
    page = selectors.warnings_of(
        user=request.user,
        unit=unit,
        show=show,
        after=request.GET.get("after", ""),
        size=settings.PAGE_SIZE,
    )
    return unit_page(
        request,
        "alerts/list.html",
        unit,
        page=page,
        rows=[(w, selectors.described(w)) for w in page.items],
        show=show,
        may_write=can(request.user, WRITE, path=unit.path),
    )


@requires_post(WRITE)
def acknowledge(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action=WRITE)
    warning = selectors.warning_get(user=request.user, unit=unit, pk=pk, action=WRITE)
    if attempt(request, lambda: services.warning_acknowledge(actor=request.user, warning=warning)):
        messages.success(request, _("Đã tiếp nhận cảnh báo."))
    return redirect("alerts:list", unit.code)


@requires(WRITE)
def followup(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Turn a warning into a follow-up with an owner and a due date."""
    unit = units.unit_get_for_user(user=request.user, code=code, action=WRITE)
    warning = selectors.warning_get(user=request.user, unit=unit, pk=pk, action=WRITE)
    title = warning.details.get("title", warning.rule)
    form = FollowupForm(request.POST or None, initial={"text": title})
    done = attempt_form(
        form,
        lambda d: services.warning_to_followup(
            actor=request.user, warning=warning, **pick(d, "text owner_name due_on")
        ),
    )
    if done is not None:
        messages.success(request, _("Đã chuyển cảnh báo thành việc cần theo dõi."))
        return redirect("followups:detail", done.result.followup_id)
    return unit_page(
        request,
        "alerts/followup.html",
        unit,
        form=form,
        warning=warning,
        lines=selectors.described(warning),
        status=400 if form.errors else 200,
    )
