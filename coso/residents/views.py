"""A household's own pages: sign in (activation code, PIN or SMS code), choose a PIN,
its page (online voting, its petitions, the follow-ups it raised), sign out; and for the
village head, printing sign-in codes and withdrawing them."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coso.core.pagination import int_key
from coso.core.permissions import PUBLIC, get_or_404, requires
from coso.core.qr import qr_svg
from coso.core.ratelimit import limit_posts
from coso.core.views import attempt, attempt_form, requires_post
from coso.decisions.services import online_opt_in
from coso.notices.selectors import sms_enabled
from coso.people import selectors as people
from coso.people.selectors import Household
from coso.residents import selectors, services
from coso.residents.forms import NoticesForm, PinForm, SignInForm, SmsForm
from coso.residents.models import HouseholdAccess
from coso.units import selectors as units
from coso.units import unit_page
from coso.units.selectors import COMMUNITY_KINDS


@requires(PUBLIC)
@limit_posts("signin")
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if done := attempt_form(form, lambda d: services.sign_in(**d)):
        access, choose_pin = done.result
        services.remember(request.session, access)
        return redirect("residents:pin" if choose_pin else "residents:home")
    return render(
        request,
        "residents/sign_in.html",
        {"form": form, "sms": SmsForm(auto_id="sms-%s") if sms_enabled() else None},
        status=400 if form.errors else 200,
    )


@requires(PUBLIC)
@limit_posts("signin")
@require_POST
def sms(request: HttpRequest) -> HttpResponse:
    if not sms_enabled():
        raise Http404
    form = SmsForm(request.POST)
    if form.is_valid() and attempt(
        request, lambda: services.send_sms_code(login=form.cleaned_data["login"])
    ):
        # The same answer whether or not the household has a phone on the list.
        messages.info(
            request, _("Nếu hộ có số điện thoại trên danh sách, mã đã được gửi tới số đó.")
        )
    return redirect("residents:sign_in")


def _signed_in(request: HttpRequest) -> HouseholdAccess | None:
    return services.current(request.session)


@requires(PUBLIC)
def pin(request: HttpRequest) -> HttpResponse:
    access = _signed_in(request)
    if access is None:
        return redirect("residents:sign_in")
    form = PinForm(request.POST or None)
    if attempt_form(
        form,
        lambda d: services.set_pin(access=access, pin=d["pin"], session=request.session),
    ):
        messages.success(
            request, _("Đã đặt mã PIN. Lần sau, đăng nhập bằng mã đăng nhập và mã PIN.")
        )
        return redirect("residents:home")
    return render(request, "residents/pin.html", {"form": form}, status=400 if form.errors else 200)


@requires(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    """The household's page: what it can do now (vote, comment, confirm), its choice of
    online voting, its petitions, the follow-ups it raised, and how it is told (or not
    at all)."""
    access = _signed_in(request)
    if access is None:
        return redirect("residents:sign_in")
    household = access.household
    form = NoticesForm(request.POST if "notices" in request.POST else None)
    if attempt_form(form, lambda d: services.notices_choose(access=access, choice=d["notices"])):
        messages.success(request, _("Đã ghi cách nhận thông báo của hộ."))
        return redirect("residents:home")
    if request.method == "POST" and not form.is_bound:
        if "online" in request.POST:
            online_opt_in(household=household, chosen=request.POST["online"] == "1")
            messages.success(request, _("Đã ghi lựa chọn của hộ."))
        return redirect("residents:home")
    return render(
        request,
        "residents/home.html",
        {
            "household": household,
            "notices_form": form,
            **selectors.household_page(household=household),
        },
        status=400 if form.errors else 200,
    )


@requires_post(PUBLIC)
def sign_out(request: HttpRequest) -> HttpResponse:
    services.forget(request.session)
    messages.success(request, _("Bạn đã đăng xuất."))
    return redirect("portal:home")


@requires("households.write")
def logins(request: HttpRequest, code: str) -> HttpResponse:
    """The village head's page: which households can sign in; print new codes (all, or
    one household's) — shown once, with a QR code each. New codes for every household
    cancel every household's codes and PINs: that asks to confirm first, with what it
    cancels (a page of its own, no script needed)."""
    village = units.unit_get_for_user(user=request.user, code=code, action="households.write")
    if village.kind not in COMMUNITY_KINDS:
        return redirect("units:official_unit", code=code)
    sign_in_url = request.build_absolute_uri(reverse("residents:sign_in"))
    sheet: list[dict[str, Any]] = []
    confirm = None
    if request.method == "POST":
        chosen = None
        if request.POST.get("household"):
            key = int_key(request.POST["household"]) or 0
            chosen = list(people.village_households(village=village).filter(pk=key))
        if chosen is None and not _confirmed(request, village):
            confirm = services.issue_summary(village=village)
        else:
            sheet = _issue(request, village, chosen, sign_in_url)
    elif request.GET.get("confirm") == "all":
        confirm = services.issue_summary(village=village)
    return unit_page(
        request,
        "residents/logins.html",
        village,
        households=_households(village) if confirm is None else [],
        sheet=sheet,
        confirm=confirm,
        site=sign_in_url,
    )


def _confirmed(request: HttpRequest, village: Any) -> bool:
    """The village head confirmed new codes for all the households counted on the
    confirmation page (a household added since then asks again)."""
    expected = int_key(request.POST.get("confirm", ""))
    return (
        expected is not None and expected == services.issue_summary(village=village)["households"]
    )


def _issue(
    request: HttpRequest, village: Any, chosen: list[Household] | None, sign_in_url: str
) -> list[dict[str, Any]]:
    issued = attempt(
        request,
        lambda: services.issue_codes(actor=request.user, village=village, households=chosen),
    )
    if not issued:
        return []
    sheet = issued.result
    for row in sheet:
        # After "#": the code stays in the browser (see residents.js).
        row["qr"] = qr_svg(f"{sign_in_url}#login={row['login']}&code={row['code']}")
    return sheet


def _households(village: Any) -> Any:
    return (
        people.village_households(village=village)
        .select_related("access")
        .only(
            "code",
            "access__login",
            "access__pin_set_at",
            "access__revoked_at",
            "access__activation",
        )
        .order_by("code")
    )


@requires_post("households.write")
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    accesses = HouseholdAccess.objects.select_related("household__village")
    access = get_or_404(
        accesses, request.user, "households.write", path_field="household__village__path", pk=pk
    )
    services.revoke(actor=request.user, access=access)
    messages.success(request, _("Đã thu hồi mã của hộ %(code)s.") % {"code": access.household.code})
    return redirect("residents:logins", code=access.household.village.code)
