"""Community investment supervision pages: each project's public page (progress, money
collected against money spent, the board's findings) and the commune's list; for
officials, a project's record (dues, payments, spending) and the board's visits."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coso.core.errors import DomainError
from coso.core.pagination import int_key
from coso.core.permissions import PUBLIC, can, get_or_404, requires
from coso.decisions.catalogue import BOARD_TYPE, CONTRIBUTION_TYPES
from coso.decisions.models import Board, Matter, Status
from coso.followups.models import FollowUp
from coso.oversight import services
from coso.oversight.models import Project, Visit
from coso.oversight.views import parse_date as _date
from coso.units import selectors as units
from coso.units.models import UnitKind


def money(project: Project) -> dict[str, int]:
    """Dues, money collected and money spent: three sums in SQL."""
    return {
        "due": project.dues.aggregate(n=Sum("amount"))["n"] or 0,
        "collected": project.payments.aggregate(n=Sum("amount"))["n"] or 0,
        "spent": project.spendings.aggregate(n=Sum("amount"))["n"] or 0,
    }


def _context(project: Project) -> dict[str, Any]:
    visits = list(project.visits.all())
    recommended = FollowUp.objects.filter(
        origin_type=ContentType.objects.get_for_model(Visit), origin_id__in=[v.pk for v in visits]
    ).order_by("id")
    return {
        "project": project,
        "unit": project.commune,
        "money": money(project),
        "visits": visits,
        "recommendations": recommended,
        "spendings": project.spendings.all(),
        "warnings": services.board_warnings_for(project),
        "board": [n for n in project.board.splitlines() if n.strip()],
    }


@requires(PUBLIC)
def public_list(request: HttpRequest, code: str) -> HttpResponse:
    commune = units.unit_get_public(code=code)
    return render(
        request,
        "oversight/projects.html",
        {
            "unit": commune,
            "projects": Project.objects.filter(commune=commune)[:100],
            "ancestors": units.ancestors(unit=commune),
        },
    )


@requires(PUBLIC)
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = Project.objects.select_related("commune", "board_elected_by").filter(pk=pk).first()
    if project is None:
        raise Http404
    return render(
        request,
        "oversight/project.html",
        {
            **_context(project),
            "ancestors": units.ancestors(unit=project.commune) + [project.commune],
        },
    )


def _project(request: HttpRequest, pk: int, action: str = "records.read") -> Project:
    return get_or_404(
        Project.objects.select_related("commune", "board_elected_by"),
        request.user,
        action,
        path_field="commune__path",
        pk=pk,
    )


@requires("records.read")
def official_list(request: HttpRequest, code: str) -> HttpResponse:
    commune = units.unit_get_for_user(user=request.user, code=code)
    if commune.kind != UnitKind.COMMUNE:
        raise Http404
    writer = can(request.user, "projects.write", path=commune.path)
    return render(
        request,
        "oversight/projects.html",
        {
            "unit": commune,
            "projects": Project.objects.filter(commune=commune)[:100],
            "writer": writer,
            "matters": Matter.objects.filter(
                unit__path__startswith=commune.path,
                status=Status.PUBLISHED,
                matter_type__in=CONTRIBUTION_TYPES,
            ).only("id", "title")
            if writer
            else [],
            "official": True,
            "ancestors": units.ancestors(unit=commune, user=request.user),
        },
    )


def _number(text: str) -> int:
    """A whole number as people write it (1.500.000), or a DomainError."""
    digits = (text or "").replace(".", "").replace(",", "").replace(" ", "").strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) < 16):
        raise DomainError(_("Hãy nhập một số nguyên (ví dụ 1.500.000)."), field="amount")
    return int(digits)


def _optional_date(text: str) -> dt.date | None:
    """An optional date field: empty means today; anything else must be a date."""
    if not text.strip():
        return None
    day = _date(text)
    if day is None:
        raise DomainError(_("Ngày không hợp lệ."), field="on")
    return day


@requires("projects.write")
@require_POST
def new(request: HttpRequest, code: str) -> HttpResponse:
    commune = units.unit_get_for_user(user=request.user, code=code, action="projects.write")
    post = request.POST
    starts, ends = _date(post.get("starts_on", "")), _date(post.get("ends_on", ""))
    matter_id = int_key(post.get("approved_by"))
    matter = Matter.objects.filter(pk=matter_id).first() if matter_id else None
    try:
        if starts is None or ends is None:
            raise DomainError(
                _("Hãy nhập ngày khởi công và ngày dự kiến hoàn thành."), field="starts_on"
            )
        project = services.project_create(
            actor=request.user,
            commune=commune,
            data=services.ProjectData(
                name=post.get("name", ""),
                budget=_number(post.get("budget", "")),
                sources=post.get("sources", ""),
                contractor=post.get("contractor", "")[:255],
                starts_on=starts,
                ends_on=ends,
                board=post.get("board", "")[:10000],
                approved_by=matter,
            ),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("oversight:projects", code=code)
    return redirect("oversight:project", pk=project.pk)


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    writer = can(request.user, "projects.write", path=project.commune.path)
    return render(
        request,
        "oversight/project.html",
        {
            **_context(project),
            "official": True,
            "writer": writer,
            "elections": _board_elections(project) if writer else [],
            "board_writer": can(request.user, "oversight.write", path=project.commune.path),
            "ancestors": units.ancestors(unit=project.commune, user=request.user)
            + [project.commune],
        },
    )


@requires("projects.write")
@require_POST
def money_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Dues, payments and spending, each from its own small form."""
    project = _project(request, pk, "projects.write")
    post, kind = request.POST, request.POST.get("kind", "")
    try:
        amount = _number(post.get("amount", ""))
        if kind == "due":
            services.due_set(
                actor=request.user, project=project, code=post.get("household", ""), amount=amount
            )
        elif kind == "payment":
            services.payment_record(
                actor=request.user,
                project=project,
                code=post.get("household", ""),
                amount=amount,
                paid_on=_optional_date(post.get("on", "")),
            )
        elif kind == "spending":
            services.spending_record(
                actor=request.user,
                project=project,
                what=post.get("what", "")[:255],
                amount=amount,
                spent_on=_optional_date(post.get("on", "")),
            )
        elif kind == "progress":
            services.project_progress(actor=request.user, project=project, progress=amount)
        else:
            raise DomainError(_("Hãy chọn loại khoản ghi."), field="kind")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi."))
    return redirect("oversight:project", pk=pk)


@requires("oversight.write")
@require_POST
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk, "oversight.write")
    try:
        services.visit_record(
            actor=request.user,
            project=project,
            findings=request.POST.get("findings", ""),
            recommendation=request.POST.get("recommendation", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("oversight:project", pk=pk)


def _board_elections(project: Project) -> list[Matter]:
    """Published elections of a supervision board in the project's commune."""
    return list(
        Matter.objects.filter(
            unit__path__startswith=project.commune.path,
            matter_type=BOARD_TYPE,
            board=Board.CISB,
            status=Status.PUBLISHED,
        ).only("id", "title", "published_on")[:50]
    )


@requires("projects.write")
@require_POST
def board_from_election(request: HttpRequest, pk: int) -> HttpResponse:
    """The board elected by the community becomes the project's board."""
    project = _project(request, pk, "projects.write")
    matter = (
        Matter.objects.select_related("unit")
        .filter(pk=int_key(request.POST.get("matter")) or 0)
        .first()
    )
    try:
        if matter is None:
            raise DomainError(_("Hãy chọn một cuộc bầu đã công bố."), field="matter")
        services.project_board_from_election(actor=request.user, project=project, matter=matter)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi Ban giám sát theo kết quả bầu."))
    return redirect("oversight:project", pk=pk)
