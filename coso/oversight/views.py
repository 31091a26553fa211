"""The People's Inspection Board's pages: its public page (members, inspections and
findings, a form for residents' requests); for officials, the board's work page, the
members from an election's published result, plans, findings, recommendations, and
its quarterly or yearly activity report from the maintained figures."""

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core.dates import vn_date
from coso.core.downloads import attachment, file_name
from coso.core.errors import DomainError
from coso.core.forms import typed_date
from coso.core.pagination import int_key
from coso.core.permissions import PUBLIC, can, get_or_404, requires
from coso.core.ratelimit import limit_posts
from coso.core.views import attempt, requires_post
from coso.decisions.selectors import Matter
from coso.followups.selectors import made_from
from coso.oversight import selectors, services
from coso.oversight.documents import board_report_docx
from coso.oversight.forms import RolesForm
from coso.oversight.models import MemberRole, Plan, Request
from coso.oversight.services import NeedsConfirmation
from coso.reports import QUARTER, YEAR, period_of_kind, period_parse
from coso.reports.selectors import catalogue_figures, figures
from coso.units import selectors as units
from coso.units import unit_page
from coso.units.selectors import Unit, UnitKind

T = TypeVar("T")


def _commune(request: HttpRequest, code: str, action: str = "records.read") -> Unit:
    commune = units.unit_get_for_user(user=request.user, code=code, action=action)
    if commune.kind != UnitKind.COMMUNE:
        raise Http404
    return commune


def attempt_confirmed(
    request: HttpRequest,
    write: Callable[[bool], T],
    *,
    said: Callable[[T], str],
    title: str,
    action: str,
    back: str,
    unit: Unit,
    fields: dict[str, str] | None = None,
) -> HttpResponse:
    """An act that may replace or end records: `write(replace)` runs with `replace`
    once the person confirmed. Before, a NeedsConfirmation is answered with a page
    naming the records (`title`), with a form that sends the same request again to
    `action` with `confirm=1` and `fields` — no script needed. Done, `said(result)`
    says what it did; refused, why; either way the person goes `back`."""
    try:
        result = write(request.POST.get("confirm") == "1")
    except NeedsConfirmation as pending:
        return unit_page(
            request,
            "oversight/confirm.html",
            unit,
            title=title,
            pending=pending,
            action=action,
            back=back,
            fields=fields or {},
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, said(result))
    return redirect(back)


@requires(PUBLIC)
@limit_posts("petition")
def public(request: HttpRequest, code: str) -> HttpResponse:
    commune = units.unit_get_public(code=code)
    if commune.kind != UnitKind.COMMUNE:
        raise Http404
    if request.method == "POST":
        if attempt(
            request,
            lambda: services.request_receive(
                commune=commune,
                text=request.POST.get("text", ""),
                sender=request.POST.get("sender", "")[:150],
            ),
        ):
            messages.success(request, _("Ban Thanh tra nhân dân đã nhận đề nghị của bạn."))
        return redirect("oversight:public", code=code)
    return unit_page(
        request,
        "oversight/public.html",
        commune,
        public=True,
        members=selectors.board_members(commune=commune),
        plans=Plan.objects.filter(commune=commune).exclude(findings="")[:20],
    )


@requires("records.read")
def board(request: HttpRequest, code: str) -> HttpResponse:
    commune = _commune(request, code)
    members = selectors.board_members(commune=commune)
    assigns = bool(members) and can(request.user, "boards.write", path=commune.path)
    return unit_page(
        request,
        "oversight/board.html",
        commune,
        members=members,
        warnings=services.board_warnings(commune=commune),
        elections=selectors.pib_elections(commune=commune)
        if can(request.user, "decisions.write", path=commune.path)
        else [],
        roles_form=RolesForm(members=members, initial=roles_initial(members)) if assigns else None,
        roles_action=reverse("oversight:board_roles", args=[code]),
        max_deputies=selectors.max_deputies(
            rule_code="oversight.pib.members", on=timezone.localdate()
        ),
        plans=Plan.objects.filter(commune=commune)[:50],
        requests=Request.objects.filter(commune=commune)[:50],
        writer=can(request.user, "oversight.write", path=commune.path),
        personal=can(request.user, "personal.read", path=commune.path),
        today=timezone.localdate(),
    )


def roles_initial(members: list[Any]) -> dict[str, Any]:
    """The roles now held, as the roles form's initial values."""
    head = next((m.pk for m in members if m.role == MemberRole.HEAD), None)
    return {"head": head, "deputies": [m.pk for m in members if m.role == MemberRole.DEPUTY]}


@requires_post("decisions.write")
def members_import(request: HttpRequest, code: str) -> HttpResponse:
    commune = _commune(request, code, "decisions.write")
    key = int_key(request.POST.get("matter")) or 0
    matter = Matter.objects.filter(pk=key, unit__parent=commune).first()
    if matter is None:  # none chosen, or not one of this commune's villages
        messages.error(request, _("Hãy chọn một cuộc bầu của các thôn, tổ trong xã."))
        return redirect("oversight:board", code=code)
    return attempt_confirmed(
        request,
        lambda replace: services.members_from_election(
            actor=request.user, matter=matter, replace=replace
        ),
        said=lambda made: _("Đã ghi %(n)s thành viên.") % {"n": len(made)},
        title=_("Ghi thành viên mới, kết thúc nhiệm kỳ thành viên cũ?"),
        action=reverse("oversight:members_import", args=[code]),
        back=reverse("oversight:board", args=[code]),
        unit=commune,
        fields={"matter": str(key)},
    )


def assign_roles(request: HttpRequest, *, members: Any, assign: Any) -> None:
    """Read the head and deputies chosen among `members` and hand them to `assign`
    (a board's service), saying what came of it."""
    form = RolesForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một trưởng ban trong số thành viên."))
    elif attempt(
        request,
        lambda: assign(head=form.cleaned_data["head"], deputies=form.cleaned_data["deputies"]),
    ):
        messages.success(request, _("Đã ghi trưởng ban, phó trưởng ban."))


@requires_post("boards.write")
def board_roles(request: HttpRequest, code: str) -> HttpResponse:
    """The commune or the Front assigns the board's head and deputies."""
    commune = _commune(request, code, "boards.write")
    assign_roles(
        request,
        members=selectors.board_members(commune=commune),
        assign=partial(services.board_roles_set, actor=request.user, commune=commune),
    )
    return redirect("oversight:board", code=code)


def parse_date(text: str) -> dt.date | None:
    """A date typed in a form (dd/mm/yyyy, or ISO), or None."""
    return typed_date(text)


@requires_post("oversight.write")
def plan_new(request: HttpRequest, code: str) -> HttpResponse:
    commune = _commune(request, code, "oversight.write")
    starts, notified = (
        parse_date(request.POST.get("starts_on", "")),
        parse_date(request.POST.get("notified_on", "")),
    )
    if starts is None or notified is None:
        messages.error(request, _("Hãy nhập ngày gửi kế hoạch và ngày kiểm tra."))
        return redirect("oversight:board", code=code)
    if done := attempt(
        request,
        lambda: services.plan_create(
            actor=request.user,
            commune=commune,
            subject=request.POST.get("subject", ""),
            starts_on=starts,
            notified_on=notified,
        ),
    ):
        return redirect("oversight:plan", pk=done.result.pk)
    return redirect("oversight:board", code=code)


def _plan(request: HttpRequest, pk: int, action: str = "records.read") -> Plan:
    plans = Plan.objects.select_related("commune")
    return get_or_404(plans, request.user, action, path_field="commune__path", pk=pk)


@requires("records.read")
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    found = _plan(request, pk)
    return unit_page(
        request,
        "oversight/plan.html",
        found.commune,
        plan=found,
        recommendations=made_from(Plan, ids=[found.pk]).order_by("id"),
        writer=can(request.user, "oversight.write", path=found.commune.path),
        today=timezone.localdate(),
    )


@requires_post("oversight.write")
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    found = _plan(request, pk, "oversight.write")
    attempt(
        request,
        lambda: services.plan_findings(
            actor=request.user, plan=found, findings=request.POST.get("findings", "")
        ),
    )
    return redirect("oversight:plan", pk=pk)


@requires_post("oversight.write")
def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    found = _plan(request, pk, "oversight.write")
    if done := attempt(
        request,
        lambda: services.recommend(
            actor=request.user,
            plan=found,
            text=request.POST.get("text", ""),
            owner_name=request.POST.get("owner_name", "")[:200],
        ),
    ):
        due = vn_date(done.result.due_on)
        messages.success(request, _("Đã gửi kiến nghị; hạn trả lời %(day)s.") % {"day": due})
    return redirect("oversight:plan", pk=pk)


@requires("records.read")
def report(request: HttpRequest, code: str) -> HttpResponse:
    """The board's activity report for a quarter or a year, from the maintained figures;
    `?format=docx` gives it as the official document."""
    commune = _commune(request, code)
    today = timezone.localdate()
    try:
        period = (
            period_parse(request.GET.get("period", ""))
            if request.GET.get("period")
            else (period_of_kind(QUARTER, today))
        )
    except DomainError as error:
        messages.error(request, error.message)
        period = period_of_kind(QUARTER, today)
    values = figures(unit=commune, period=period)
    shown = [f for f in catalogue_figures(values) if f.code.startswith("pib.")]
    if request.GET.get("format") == "docx":
        content = board_report_docx(
            commune=commune,
            period=period,
            figures=shown,
            members=selectors.board_members(commune=commune),
        )
        name = file_name("bao-cao-ban-ttnd", commune.name, period.code, extension="docx")
        return attachment(content, name)
    return unit_page(
        request,
        "oversight/report.html",
        commune,
        period=period,
        figures=shown,
        choices=[period_of_kind(QUARTER, today), period_of_kind(YEAR, today)],
    )
