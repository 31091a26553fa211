"""Community investment supervision pages: each project's public page (progress, money
collected against money spent, the board's findings) and the commune's list; for
officials, a project's record (dues, payments, spending) and the board's visits."""

import datetime as dt
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from coso.core.errors import DomainError
from coso.core.pagination import int_key
from coso.core.permissions import PUBLIC, can, get_or_404, requires
from coso.core.text import whole
from coso.core.views import attempt, attempt_form, requires_post
from coso.decisions.selectors import Matter
from coso.followups.selectors import made_from
from coso.oversight import selectors, services
from coso.oversight.forms import PercentField, ProjectForm, RolesForm
from coso.oversight.models import Project, Visit
from coso.oversight.views import assign_roles, attempt_confirmed, roles_initial
from coso.oversight.views import parse_date as _date
from coso.units import selectors as units
from coso.units import unit_page
from coso.units.selectors import Unit, UnitKind


def _context(project: Project) -> dict[str, Any]:
    visits = list(project.visits.all())
    recommended = made_from(Visit, ids=[v.pk for v in visits]).order_by("id")
    board = selectors.supervisors(project=project)
    money = selectors.project_money(project=project)
    return {
        "project": project,
        "money": money,
        "visits": visits,
        "recommendations": recommended,
        "spendings": project.spendings.all(),
        "warnings": services.board_warnings_for(project, board),
        "money_warnings": selectors.money_warnings(project=project, money=money),
        "board": board,
    }


@requires(PUBLIC)
def public_list(request: HttpRequest, code: str) -> HttpResponse:
    commune = units.unit_get_public(code=code)
    return unit_page(
        request, "oversight/projects.html", commune, public=True, **_projects(request, commune)
    )


@requires(PUBLIC)
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = (
        Project.objects.select_related("commune", "board_elected_by", "approved_by")
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404
    return unit_page(
        request, "oversight/project.html", project.commune, public=True, **_context(project)
    )


def _projects(request: HttpRequest, commune: Unit) -> dict[str, Any]:
    projects, next_after = selectors.projects_page(
        commune=commune, after=request.GET.get("after", ""), size=settings.PAGE_SIZE
    )
    return {"projects": projects, "next_after": next_after}


def _project(request: HttpRequest, pk: int, action: str = "records.read") -> Project:
    projects = Project.objects.select_related("commune", "board_elected_by", "approved_by")
    return get_or_404(projects, request.user, action, path_field="commune__path", pk=pk)


def _list(
    request: HttpRequest, commune: Unit, form: ProjectForm | None = None, status: int = 200
) -> HttpResponse:
    writer = can(request.user, "projects.write", path=commune.path)
    matters = list(selectors.contribution_matters(commune=commune)) if writer else []
    return unit_page(
        request,
        "oversight/projects.html",
        commune,
        status=status,
        **_projects(request, commune),
        writer=writer,
        form=form or ProjectForm(matters=matters),
    )


@requires("records.read")
def official_list(request: HttpRequest, code: str) -> HttpResponse:
    commune = units.unit_get_for_user(user=request.user, code=code)
    if commune.kind != UnitKind.COMMUNE:
        raise Http404
    return _list(request, commune)


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


@requires_post("projects.write")
def new(request: HttpRequest, code: str) -> HttpResponse:
    commune = units.unit_get_for_user(user=request.user, code=code, action="projects.write")
    if commune.kind != UnitKind.COMMUNE:
        raise Http404
    form = ProjectForm(request.POST, matters=selectors.contribution_matters(commune=commune))
    if done := attempt_form(
        form,
        lambda _d: services.project_create(
            actor=request.user, commune=commune, data=form.project_data()
        ),
    ):
        return redirect("oversight:project", pk=done.result.pk)
    return _list(request, commune, form, status=400)


@requires("records.read")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    path = project.commune.path
    writer = can(request.user, "projects.write", path=path)
    context = _context(project)
    return unit_page(
        request,
        "oversight/project.html",
        project.commune,
        **context,
        writer=writer,
        elections=list(selectors.cisb_elections(project=project)) if writer else [],
        board_writer=can(request.user, "oversight.write", path=path),
        roles_form=RolesForm(members=context["board"], initial=roles_initial(context["board"]))
        if context["board"] and can(request.user, "boards.write", path=path)
        else None,
        roles_action=reverse("oversight:project_roles", args=[pk]),
        max_deputies=selectors.max_deputies(
            rule_code="oversight.cisb.members", on=project.starts_on
        ),
    )


@requires_post("projects.write")
def money_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Payments, spending and progress, each from its own small form."""
    project = _project(request, pk, "projects.write")
    post, kind = request.POST, request.POST.get("kind", "")
    try:
        if kind == "payment":
            services.payment_record(
                actor=request.user,
                project=project,
                code=post.get("household", ""),
                amount=_number(post.get("amount", "")),
                paid_on=_optional_date(post.get("on", "")),
            )
        elif kind == "spending":
            services.spending_record(
                actor=request.user,
                project=project,
                what=post.get("what", "")[:255],
                amount=_number(post.get("amount", "")),
                spent_on=_optional_date(post.get("on", "")),
            )
        elif kind == "progress":
            progress = PercentField().clean(post.get("progress", ""))
            if progress is None or progress != int(progress):
                raise DomainError(_("Tiến độ là số nguyên từ 0 đến 100%."), field="progress")
            services.project_progress(actor=request.user, project=project, progress=int(progress))
        else:
            raise DomainError(_("Hãy chọn loại khoản ghi."), field="kind")
    except DomainError as error:
        messages.error(request, error.message)
    except ValidationError:
        messages.error(request, _("Tiến độ là số nguyên từ 0 đến 100%."))
    else:
        messages.success(request, _("Đã ghi."))
    return redirect("oversight:project", pk=pk)


@requires_post("projects.write")
def dues(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue (or, once confirmed, issue again) the dues the households decided."""
    project = _project(request, pk, "projects.write")
    return attempt_confirmed(
        request,
        lambda replace: services.dues_issue(actor=request.user, project=project, replace=replace),
        said=lambda issued: (
            _("Đã phát mức đóng góp: %(n)s hộ × %(each)s đồng = %(total)s đồng.")
            % {
                "n": whole(issued.households),
                "each": whole(issued.each),
                "total": whole(issued.total),
            }
        ),
        title=_("Phát lại mức đóng góp cho các hộ?"),
        action=reverse("oversight:project_dues", args=[pk]),
        back=reverse("oversight:project", args=[pk]),
        unit=project.commune,
    )


@requires_post("oversight.write")
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk, "oversight.write")
    attempt(
        request,
        lambda: services.visit_record(
            actor=request.user,
            project=project,
            findings=request.POST.get("findings", ""),
            recommendation=request.POST.get("recommendation", ""),
        ),
    )
    return redirect("oversight:project", pk=pk)


@requires_post("projects.write")
def board_from_election(request: HttpRequest, pk: int) -> HttpResponse:
    """The board elected by the community becomes the project's board (a board already
    recorded is replaced once confirmed)."""
    project = _project(request, pk, "projects.write")
    key = int_key(request.POST.get("matter")) or 0
    matter = Matter.objects.select_related("unit").filter(pk=key).first()

    def write(replace: bool) -> None:
        if matter is None:
            raise DomainError(_("Hãy chọn một cuộc bầu đã công bố."), field="matter")
        services.project_board_from_election(
            actor=request.user, project=project, matter=matter, replace=replace
        )

    return attempt_confirmed(
        request,
        write,
        said=lambda _done: _("Đã ghi Ban giám sát theo kết quả bầu."),
        title=_("Thay Ban giám sát theo kết quả bầu?"),
        action=reverse("oversight:project_board", args=[pk]),
        back=reverse("oversight:project", args=[pk]),
        unit=project.commune,
        fields={"matter": str(key)},
    )


@requires_post("boards.write")
def board_roles(request: HttpRequest, pk: int) -> HttpResponse:
    """The commune or the Front assigns the supervision board's head and deputies."""
    project = _project(request, pk, "boards.write")
    assign_roles(
        request,
        members=selectors.supervisors(project=project),
        assign=partial(services.project_roles_set, actor=request.user, project=project),
    )
    return redirect("oversight:project", pk=pk)
