"""Petition pages: the public form and tracking page, the officials' work list,
petition page and actions, the province roll-up, citizen-reception days."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import hooks, pagecache
from coso.core.errors import DomainError
from coso.core.permissions import PUBLIC, can, get_or_404, requires
from coso.core.ratelimit import limit_posts, over_limit, too_many
from coso.core.views import attempt, attempt_form, file_response, pick, requires_post
from coso.petitions import reception, selectors, services, suspension
from coso.petitions.forms import (
    AcceptForm,
    ExtendForm,
    IntakeForm,
    MonthForm,
    NoticesForm,
    RefuseForm,
    ResolveForm,
    ResumeForm,
    SessionForm,
    SubmitForm,
    SuspendForm,
    TransferForm,
    VisitForm,
    YearForm,
)
from coso.petitions.models import Attachment, Kind, Petition, ReceptionSession
from coso.units import selectors as units
from coso.units import unit_page, work_list_page
from coso.units.selectors import UnitKind


def _submission(form: SubmitForm, **extra: Any) -> services.Submission:
    data = form.cleaned_data
    return services.Submission(
        complaint_round=data.get("complaint_round") or 1,
        signers=data.get("signers") or 1,
        files=data["attachments"],
        **pick(data, "kind category subject description address latitude longitude"),
        **pick(data, "sender_name sender_contact"),
        **extra,
    )


# The services call uploaded files "files"; the forms call them "attachments".
FIELD_ALIASES = {"files": "attachments"}


@requires(PUBLIC)
@limit_posts("petition")
def submit(request: HttpRequest) -> HttpResponse:
    """Anyone may send feedback, a complaint or a denunciation; no account needed. A
    signed-in household starts in its own commune, under its head's name (both can be
    changed)."""
    access = hooks.ask("households.signed_in")(request.session)
    form = SubmitForm(
        request.POST or None, request.FILES or None, initial=_initial(request, access)
    )

    def send(d: dict[str, Any]) -> Any:
        # A signed-in household follows its petitions on its page; never a denunciation,
        # whose sender's identity stays secret (LD art. 9).
        secret = d["kind"] == Kind.DENUNCIATION
        household = access.household if access is not None and not secret else None
        return services.petition_submit(
            actor=None, unit=d["commune"], data=_submission(form, household=household)
        )

    if done := attempt_form(form, send, aliases=FIELD_ALIASES):
        # The tracking code goes to the tracking page in this session, never in the
        # URL: a request line lands in access logs, and a denunciation's code must not.
        request.session[TRACKED] = done.result.tracking_code
        request.session[JUST_SENT] = True
        return redirect("petitions:track")
    return render(request, "petitions/submit.html", {"form": form})


# Session keys: the code last sent or looked up in this session, and whether it was
# just sent (the page then says so, once).
TRACKED = "petition_tracked"
JUST_SENT = "petition_just_sent"


def _initial(request: HttpRequest, access: Any) -> dict[str, str]:
    """Where the form starts: the province a link names (a commune's page), else the
    signed-in household's own province and commune, and its head's name."""
    if request.GET.get("province") or access is None:
        return {"province": request.GET.get("province", "")}
    village = access.household.village
    return {
        "province": access.household.province.code,
        "commune": village.parent.code if village.parent else "",
        "sender_name": getattr(access, "head_name", "") or "",
    }


@requires(PUBLIC)
def commune_options(request: HttpRequest) -> HttpResponse:
    communes = (
        units.current_units()
        .filter(parent__code=request.GET.get("province", ""), kind=UnitKind.COMMUNE)
        .order_by("search_name")
    )
    return render(request, "petitions/_commune_options.html", {"communes": communes})


@requires(PUBLIC)
def track(request: HttpRequest) -> HttpResponse:
    """The sender follows the petition by its code: each step, no one's personal data.
    The code comes in a POST body (this page's form, the household's page) or from the
    session (right after sending), never in a URL the server logs; a "?code=" link, as
    older messages and API clients hold, is still read, but the site makes none. The
    sender also chooses here how to be told of each step (`_notices`)."""
    if request.method == "POST" and "notices" in request.POST:
        return _notices(request)
    just_sent = bool(request.session.pop(JUST_SENT, False))
    code = (
        request.POST.get("code") or request.GET.get("code") or request.session.get(TRACKED, "")
    ).strip()
    petition = None
    if code:
        try:
            petition = selectors.petition_track(code=code)
        except Http404:
            messages.error(request, _("Không có đơn nào với mã này. Hãy kiểm tra lại mã."))
    return _track_page(request, code, petition, new=just_sent)


def _track_page(
    request: HttpRequest,
    code: str,
    petition: Petition | None,
    *,
    new: bool = False,
    form: NoticesForm | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {"code": code, "petition": petition, "new": new}
    if petition is not None:
        context["events"] = petition.events.all()
        context["notices"] = services.sender_notices(petition)
        context["notices_form"] = form
    status = 400 if form is not None and form.errors else 200
    return render(request, "petitions/track.html", context, status=status)


def _notices(request: HttpRequest) -> HttpResponse:
    """The sender's choice of notices: only with the petition's code in the same POST
    (the code is the secret; the session's alone is not enough), a POST counted against
    the "notices" rate. A wrong code changes nothing and says only that no petition has
    it."""
    if over_limit(request, "notices"):
        return too_many(request)
    code = request.POST.get("code", "").strip()[:20]
    try:
        petition = selectors.petition_track(code=code) if code else None
    except Http404:
        petition = None
    if petition is None:
        messages.error(request, _("Không có đơn nào với mã này. Hãy kiểm tra lại mã."))
        return _track_page(request, code, None)
    form = NoticesForm(request.POST)
    if attempt_form(
        form, lambda d: services.sender_notices_choose(petition=petition, choice=d["notices"])
    ):
        messages.success(request, _("Đã ghi cách nhận thông báo về đơn."))
        # Back to the page by the session, not a URL holding the code.
        request.session[TRACKED] = petition.tracking_code
        return redirect("petitions:track")
    return _track_page(request, code, petition, form=form)


@requires("records.read")
@pagecache.cached
def worklist(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    pagecache.depends_on(request, unit)
    kind, which = request.GET.get("kind", ""), request.GET.get("which", "")
    return work_list_page(
        request,
        "petitions/worklist.html",
        unit,
        selectors.worklist,
        filters={"kind": kind, "which": which},
        kind=kind,
        which=which,
        kinds=Kind.choices,
        handler=can(request.user, "petitions.write", path=unit.path),
    )


@requires("petitions.write")
def intake(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code, action="petitions.write")
    form = IntakeForm(request.POST or None, request.FILES or None, unit=unit)
    if done := attempt_form(
        form,
        lambda d: services.petition_submit(
            actor=request.user,
            unit=unit,
            data=_submission(form, **pick(d, "channel received_on remote_area")),
        ),
        aliases=FIELD_ALIASES,
    ):
        return redirect("petitions:detail", pk=done.result.pk)
    return unit_page(request, "petitions/intake.html", unit, form=form)


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_get(user=request.user, pk=pk)
    handler = can(request.user, "petitions.write", path=petition.unit.path)
    return unit_page(
        request,
        "petitions/detail.html",
        petition.unit,
        petition=petition,
        events=petition.events.select_related("actor"),
        suspensions=petition.suspensions.all(),
        attachments=petition.attachments.all() if handler else None,
        personal=can(request.user, "personal.read", path=petition.unit.path),
        forms=_forms() if handler else {},
        is_handler=petition.handler_id == request.user.pk,
    )


def _forms() -> dict[str, Any]:
    """The handler's forms, one per step the petition may take."""
    return {
        "accept": AcceptForm(),
        "refuse": RefuseForm(),
        "extend": ExtendForm(),
        "resolve": ResolveForm(),
        "transfer": TransferForm(),
        # Their own ids: the extension form on the same page has a "reason" too.
        "suspend": SuspendForm(auto_id="suspend_%s"),
        "resume": ResumeForm(auto_id="resume_%s"),
    }


def _step(form_class: type[forms.Form], service: Callable[..., Any]) -> Any:
    """The view of a handler's step on a petition, posted from its page: `service` takes
    the acting official, the petition and the form's fields under their own names."""

    @requires_post("petitions.write")
    def step(request: HttpRequest, pk: int) -> HttpResponse:
        petition = selectors.petition_get(user=request.user, pk=pk, action="petitions.write")
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _("Hãy điền đủ thông tin."))
        else:
            if attempt(
                request, lambda: service(actor=request.user, petition=petition, **form.cleaned_data)
            ):
                messages.success(request, _("Đã cập nhật đơn."))
        return redirect("petitions:detail", pk=pk)

    return step


def _transfer(*, actor: Any, petition: Petition, to_unit: str, note: str) -> None:
    target = units.current_units().filter(code=to_unit.strip()).first()
    if target is None:
        raise DomainError(_("Không có đơn vị mã “%(code)s”.") % {"code": to_unit})
    services.petition_transfer(actor=actor, petition=petition, to_unit=target, note=note)


def _suspend(*, actor: Any, petition: Petition, **data: Any) -> None:
    suspension.complaint_suspend(
        actor=actor, petition=petition, data=suspension.SuspensionData(**data)
    )


accept = _step(AcceptForm, services.petition_accept)
refuse = _step(RefuseForm, services.petition_refuse)
extend = _step(ExtendForm, services.petition_extend)
resolve = _step(ResolveForm, services.petition_resolve)
transfer = _step(TransferForm, _transfer)
suspend = _step(SuspendForm, _suspend)
resume = _step(ResumeForm, suspension.complaint_resume)


@requires("petitions.write")
def attachment_file(request: HttpRequest, pk: int) -> FileResponse:
    """A file sent with a petition, for the officials of its unit only."""
    attachments = Attachment.objects.select_related("petition")
    attachment = get_or_404(
        attachments, request.user, "petitions.write", path_field="petition__unit__path", pk=pk
    )
    return file_response(attachment)


@requires("identity.read")
def identity(request: HttpRequest, pk: int) -> HttpResponse:
    """The denouncer's identity: the assigned handler only, each view audited."""
    petition = selectors.petition_get(user=request.user, pk=pk)
    try:
        person = services.identity_view(actor=request.user, petition=petition)
    except DomainError as error:
        raise Http404(error.message) from error
    response = render(
        request,
        "petitions/identity.html",
        {"petition": petition, "person": person, "unit": petition.unit, "official": True},
    )
    response["Cache-Control"] = "no-store"
    return response


@requires("aggregates.read")
def rollup(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    if unit.kind != UnitKind.PROVINCE:
        raise Http404
    form = YearForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    return unit_page(
        request,
        "petitions/rollup.html",
        unit,
        form=form,
        year=year,
        rows=selectors.province_rollup(province=unit, year=year),
        kinds=dict(Kind.choices),
    )


@requires("records.read")
def schedule(request: HttpRequest, code: str) -> HttpResponse:
    unit = units.unit_get_for_user(user=request.user, code=code)
    month_form = MonthForm(request.GET or None, unit=unit)
    month = (
        month_form.cleaned_data["month"]
        if month_form.is_valid()
        else timezone.localdate().replace(day=1)
    )
    handler = can(request.user, "petitions.write", path=unit.path)
    if request.method == "POST" and not handler:
        raise PermissionDenied
    form = SessionForm(request.POST or None, unit=unit) if handler else None
    if form is not None and (
        done := attempt_form(
            form,
            lambda d: reception.session_create(actor=request.user, unit=unit, **d),
            aliases=FIELD_ALIASES,
        )
    ):
        return redirect(f"{request.path}?month={done.result.date:%Y-%m}")
    sessions = ReceptionSession.objects.filter(
        unit=unit, date__year=month.year, date__month=month.month
    )
    return unit_page(
        request,
        "petitions/schedule.html",
        unit,
        month=month,
        month_form=month_form,
        months=month_form.picker(month),
        sessions=sessions,
        form=form,
        check=reception.month_check(unit=unit, year=month.year, month=month.month),
    )


@requires("petitions.write")
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A reception session and who came: the unit's petition handlers only (it names
    the visitors), like the visits they record."""
    sessions = ReceptionSession.objects.select_related("unit")
    session = get_or_404(sessions, request.user, "petitions.write", path_field="unit__path", pk=pk)
    form = VisitForm(request.POST or None)
    if attempt_form(
        form,
        lambda d: reception.visit_record(actor=request.user, session=session, **d),
        aliases=FIELD_ALIASES,
    ):
        return redirect("petitions:session", pk=session.pk)
    visits = session.visits.select_related("petition").only(
        "visitor",
        "petition__id",
        "petition__tracking_code",
        "petition__kind",
        "petition__subject",
        "petition__status",
    )
    return unit_page(
        request, "petitions/session.html", session.unit, session=session, visits=visits, form=form
    )
