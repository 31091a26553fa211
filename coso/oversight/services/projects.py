"""Community investment supervision: projects, what households owe and pay, spending,
the supervision board's visits and recommendations."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.core.permissions import can
from coso.decisions.catalogue import BOARD_TYPE, CONTRIBUTION_TYPES
from coso.decisions.models import Board, Matter, Status
from coso.followups.services import Promise, followup_create
from coso.oversight.models import (
    Due,
    Payment,
    Project,
    Spending,
    Visit,
)
from coso.oversight.services.common import (
    check_board,
    check_day,
    check_money,
    elected_names,
    touch,
)
from coso.rules.services import RuleMissing
from coso.units.models import Unit, UnitKind


@dataclass
class ProjectData:
    name: str
    budget: int
    sources: str
    starts_on: dt.date
    ends_on: dt.date
    contractor: str = ""
    board: str = ""
    approved_by: Matter | None = None


def check_projects(actor: Any, commune: Unit) -> None:
    if not can(actor, "projects.write", path=commune.path):
        raise DomainError(_("Bạn không có quyền ghi công trình của xã này."), field="name")


def project_create(*, actor: Any, commune: Unit, data: ProjectData) -> Project:
    check_projects(actor, commune)
    if commune.kind != UnitKind.COMMUNE:
        raise DomainError(
            _("Công trình do cộng đồng đóng góp được ghi ở xã, phường."), field="name"
        )
    if not data.name.strip() or not data.sources.strip():
        raise DomainError(_("Cần tên công trình và nguồn kinh phí."), field="name")
    check_money(data.budget, "budget")
    check_day(data.starts_on, "starts_on", future=True)
    if data.ends_on < data.starts_on or data.ends_on > data.starts_on + dt.timedelta(days=3660):
        raise DomainError(
            _("Ngày hoàn thành phải sau ngày khởi công, trong vòng mười năm."), field="ends_on"
        )
    matter = data.approved_by
    if matter is not None and (
        matter.matter_type not in CONTRIBUTION_TYPES
        or matter.status != Status.PUBLISHED
        or not matter.unit.path.startswith(commune.path)
    ):
        raise DomainError(
            _("Chỉ nội dung đóng góp (mục 1–2) đã công bố kết quả của xã này."),
            field="approved_by",
        )
    check_lengths(
        Project, name=data.name, sources=data.sources, contractor=data.contractor, board=data.board
    )
    with transaction.atomic():
        project = Project.objects.create(
            commune=commune,
            name=data.name.strip(),
            approved_by=matter,
            budget=data.budget,
            sources=data.sources.strip(),
            contractor=data.contractor.strip(),
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            board=data.board.strip(),
            created_by=audit.acting_user(actor),
        )
        audit.log_create(actor=actor, obj=project, unit_id=commune.pk)
        touch(commune.pk, data.starts_on)
    return project


def board_warnings_for(project: Project) -> list[str]:
    """The project's supervision board against `oversight.cisb.members`."""
    try:
        rule = rules.value("oversight.cisb.members", on=project.starts_on)
    except RuleMissing:
        return []
    names = [n for n in project.board.splitlines() if n.strip()]
    if len(names) < rule["min"]:
        return [
            _("Ban giám sát có %(n)s thành viên; cần ít nhất %(m)s (%(cite)s).")
            % {
                "n": len(names),
                "m": rule["min"],
                "cite": rules.citation("oversight.cisb.members", on=project.starts_on),
            }
        ]
    return []


def _household(project: Project, code: str) -> Any:
    from coso.people.models import Household

    found = Household.objects.filter(village__parent=project.commune, code=code.strip()).first()
    if found is None:
        raise DomainError(
            _("Không có hộ mã “%(code)s” trong xã.") % {"code": code}, field="household"
        )
    return found


def due_set(*, actor: Any, project: Project, code: str, amount: int) -> Due:
    check_projects(actor, project.commune)
    check_money(amount, "amount")
    household = _household(project, code)
    with transaction.atomic():
        due, _created = Due.objects.update_or_create(
            project=project, household=household, defaults={"amount": amount}
        )
        audit.log_event(
            actor=actor,
            model="oversight.due",
            object_pk=str(due.pk),
            unit_id=project.commune_id,
            changes={"household": household.code, "amount": amount},
        )
    return due


def payment_record(
    *, actor: Any, project: Project, code: str, amount: int, paid_on: dt.date | None = None
) -> Payment:
    check_projects(actor, project.commune)
    check_money(amount, "amount")
    household = _household(project, code)
    day = paid_on or timezone.localdate()
    check_day(day, "paid_on")
    with transaction.atomic():
        payment = Payment.objects.create(
            project=project,
            household=household,
            amount=amount,
            paid_on=day,
            recorded_by=audit.acting_user(actor),
        )
        audit.log_create(actor=actor, obj=payment, unit_id=project.commune_id)
        touch(project.commune_id, day)
    return payment


def spending_record(
    *, actor: Any, project: Project, what: str, amount: int, spent_on: dt.date | None = None
) -> Spending:
    check_projects(actor, project.commune)
    check_money(amount, "amount")
    if not what.strip():
        raise DomainError(_("Cần ghi nội dung chi."), field="what")
    day = spent_on or timezone.localdate()
    check_day(day, "spent_on")
    check_lengths(Spending, what=what)
    with transaction.atomic():
        spending = Spending.objects.create(
            project=project, what=what.strip(), amount=amount, spent_on=day
        )
        audit.log_create(actor=actor, obj=spending, unit_id=project.commune_id)
        touch(project.commune_id, day)
    return spending


def visit_record(
    *,
    actor: Any,
    project: Project,
    findings: str,
    recommendation: str = "",
    on: dt.date | None = None,
) -> Visit:
    """The board's visit; a recommendation becomes a follow-up due in
    `oversight.cisb.reply_days`."""
    check_board(actor, project.commune)
    day = on or timezone.localdate()
    if not findings.strip():
        raise DomainError(_("Cần ghi kết quả giám sát."), field="findings")
    check_day(day, "on")
    check_lengths(Visit, findings=findings)
    with transaction.atomic():
        visit = Visit.objects.create(project=project, visited_on=day, findings=findings.strip())
        audit.log_create(actor=actor, obj=visit, unit_id=project.commune_id)
        if recommendation.strip():
            followup_create(
                actor=actor,
                origin=visit,
                label=visit.label,
                promise=Promise(
                    text=recommendation,
                    unit=project.commune,
                    owner_name=_("Chủ đầu tư, UBND xã"),
                    due_on=rules.due_date("oversight.cisb.reply_days", day),
                    opened_on=day,
                ),
            )
        touch(project.commune_id, day)
    return visit


def project_progress(*, actor: Any, project: Project, progress: int) -> Project:
    check_projects(actor, project.commune)
    if not 0 <= progress <= 100:
        raise DomainError(_("Tiến độ từ 0 đến 100%."), field="progress")
    with transaction.atomic():
        before = audit.snapshot(project)
        project.progress = progress
        project.save(update_fields=["progress", "updated_at"])
        audit.log_update(actor=actor, obj=project, before=before, unit_id=project.commune_id)
    return project


def project_board_from_election(*, actor: Any, project: Project, matter: Matter) -> Project:
    """The supervision board elected by the community (a published election of item 5
    for this board) becomes the project's board."""
    check_projects(actor, project.commune)
    if (
        matter.matter_type != BOARD_TYPE
        or matter.board != Board.CISB
        or matter.status != Status.PUBLISHED
        or not matter.unit.path.startswith(project.commune.path)
    ):
        raise DomainError(
            _("Chỉ kết quả đã công bố của cuộc bầu Ban giám sát đầu tư của cộng đồng trong xã."),
            field="matter",
        )
    names = elected_names(matter)
    with transaction.atomic():
        before = project.board
        project.board, project.board_elected_by = "\n".join(names), matter
        project.save(update_fields=["board", "board_elected_by", "updated_at"])
        audit.log_event(
            actor=actor,
            model="oversight.project",
            object_pk=str(project.pk),
            unit_id=project.commune_id,
            changes={"board": [before, project.board], "elected_by": matter.pk},
        )
    return project
