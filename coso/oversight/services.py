"""The People's Inspection Board's work, every period from the rulebook."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit, indicators
from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.core.permissions import can
from coso.decisions.models import Matter, Status
from coso.followups.models import FollowUp
from coso.followups.services import Promise, followup_create
from coso.oversight.models import (
    Due,
    Member,
    MemberRole,
    Payment,
    Plan,
    Project,
    Request,
    Spending,
    Visit,
)
from coso.rules.services import RuleMissing
from coso.units.models import COMMUNITY_KINDS, Unit, UnitKind

BOARD_MATTER = "5"
MAX_MONEY = (
    10**13
)  # đồng: beyond it, a typo  # vote.matters.catalogue: electing PIB and CISB members


def _touch(commune_id: int, *days: dt.date | None) -> None:
    indicators.touched("oversight", commune_id, list(days))


def check_board(actor: Any, commune: Unit) -> None:
    if not can(actor, "oversight.write", path=commune.path):
        raise DomainError(_("Chỉ Ban Thanh tra nhân dân của xã ghi việc này."), field="subject")


def members_from_election(*, actor: Any, matter: Matter) -> list[Member]:
    """The published result of a village's (or the commune's) election of board members
    makes the elected its members."""
    commune = matter.unit.parent if matter.unit.kind in COMMUNITY_KINDS else matter.unit
    assert commune is not None
    if not can(actor, "decisions.write", path=matter.unit.path):
        raise DomainError(_("Bạn không có quyền ghi kết quả bầu cử này."), field="matter")
    if matter.matter_type != BOARD_MATTER or matter.status != Status.PUBLISHED:
        raise DomainError(
            _("Chỉ kết quả đã công bố của cuộc bầu thành viên Ban Thanh tra nhân dân."),
            field="matter",
        )
    labels = {o.key: o.label for o in matter.options.all()}
    elected = [labels[k] for k in (matter.outcome or {}).get("elected", []) if k in labels]
    if not elected:
        raise DomainError(_("Cuộc bầu không có người trúng cử."), field="matter")
    village = matter.unit if matter.unit.kind in COMMUNITY_KINDS else None
    start = matter.published_on or timezone.localdate()
    with transaction.atomic():
        # A new result ends the term of those the same village (or commune) elected before.
        Member.objects.filter(
            commune=commune, village=village, term_to__isnull=True, term_from__lt=start
        ).exclude(elected_by=matter).update(term_to=start)
        made = [
            Member.objects.get_or_create(
                elected_by=matter,
                name=name,
                defaults={"commune": commune, "village": village, "term_from": start},
            )[0]
            for name in elected
        ]
        audit.log_event(
            actor=actor,
            model="oversight.member",
            object_pk=str(matter.pk),
            unit_id=commune.pk,
            changes={"elected": elected},
        )
    return made


def board_warnings(*, commune: Unit, on: dt.date | None = None) -> list[str]:
    """What the board's composition lacks against `oversight.pib.members`."""
    day = on or timezone.localdate()
    try:
        rule = rules.value("oversight.pib.members", on=day)
    except RuleMissing:
        return []
    members = Member.objects.filter(commune=commune, term_from__lte=day).exclude(term_to__lt=day)
    villages = Unit.objects.filter(
        parent=commune, kind__in=COMMUNITY_KINDS, valid_to__isnull=True
    ).count()
    wanted = max(villages, rule["min"]) if villages >= rule["min"] else rule["min"]
    found, deputies = members.count(), members.filter(role=MemberRole.DEPUTY).count()
    warnings = []
    if found < wanted:
        warnings.append(
            _("Ban có %(n)s thành viên; cần ít nhất %(m)s (%(cite)s).")
            % {"n": found, "m": wanted, "cite": rules.citation("oversight.pib.members", on=day)}
        )
    if deputies > rule["max_deputies"]:
        warnings.append(
            _("Ban có %(n)s phó trưởng ban; nhiều nhất %(m)s.")
            % {"n": deputies, "m": rule["max_deputies"]}
        )
    return warnings


def plan_create(
    *, actor: Any, commune: Unit, subject: str, starts_on: dt.date, notified_on: dt.date
) -> Plan:
    """An inspection plan, sent to the commune at least the rulebook's working days
    before the inspection starts."""
    check_board(actor, commune)
    if commune.kind != UnitKind.COMMUNE:
        raise DomainError(_("Ban Thanh tra nhân dân là của xã, phường."), field="subject")
    if not subject.strip():
        raise DomainError(_("Cần ghi nội dung kiểm tra."), field="subject")
    _day(notified_on, "notified_on")
    _day(starts_on, "starts_on", future=True)
    try:
        earliest = rules.due_date("oversight.pib.plan_notice", notified_on)
    except RuleMissing as error:
        raise DomainError(error.message, field="notified_on") from error
    if starts_on < earliest:
        raise DomainError(
            _("Kế hoạch gửi ngày %(sent)s: kiểm tra sớm nhất từ %(day)s (%(cite)s).")
            % {
                "sent": vn_date(notified_on),
                "day": vn_date(earliest),
                "cite": rules.citation("oversight.pib.plan_notice", on=notified_on),
            },
            field="starts_on",
        )
    check_lengths(Plan, subject=subject)
    with transaction.atomic():
        plan = Plan.objects.create(
            commune=commune,
            subject=subject.strip(),
            starts_on=starts_on,
            notified_on=notified_on,
            created_by=audit.acting_user(actor),
        )
        audit.log_create(actor=actor, obj=plan, unit_id=commune.pk)
        _touch(commune.pk, starts_on)
    return plan


def plan_findings(*, actor: Any, plan: Plan, findings: str, on: dt.date | None = None) -> Plan:
    check_board(actor, plan.commune)
    day = on or timezone.localdate()
    if not findings.strip():
        raise DomainError(_("Cần ghi kết quả kiểm tra."), field="findings")
    if day < plan.starts_on or day > latest_day(future=False):
        raise DomainError(_("Ngày kết thúc phải từ ngày bắt đầu kiểm tra đến hôm nay."), field="on")
    check_lengths(Plan, findings=findings)
    with transaction.atomic():
        before = audit.snapshot(plan)
        plan.findings, plan.finished_on = findings.strip(), day
        plan.save(update_fields=["findings", "finished_on", "updated_at"])
        audit.log_update(actor=actor, obj=plan, before=before, unit_id=plan.commune_id)
    return plan


def recommend(
    *, actor: Any, plan: Plan, text: str, owner_name: str, on: dt.date | None = None
) -> FollowUp:
    """A recommendation to the commune: a follow-up whose answer is due within the
    rulebook's period (`oversight.pib.reply_days`)."""
    check_board(actor, plan.commune)
    day = on or timezone.localdate()
    if day > latest_day(future=False) or day < plan.notified_on:
        raise DomainError(_("Ngày kiến nghị không hợp lệ."), field="on")
    try:
        due = rules.due_date("oversight.pib.reply_days", day)
    except RuleMissing as error:
        raise DomainError(error.message, field="on") from error
    with transaction.atomic():
        followup = followup_create(
            actor=actor,
            origin=plan,
            label=plan.label,
            promise=Promise(
                text=text,
                unit=plan.commune,
                owner_name=owner_name or _("Chủ tịch UBND xã"),
                due_on=due,
                opened_on=day,
            ),
        )
        _touch(plan.commune_id, day)
    return followup


def request_receive(*, commune: Unit, text: str, sender: str = "") -> Request:
    """A resident asks the board to look into something (no account needed)."""
    if commune.kind != UnitKind.COMMUNE:
        raise DomainError(_("Ban Thanh tra nhân dân là của xã, phường."), field="text")
    if not text.strip():
        raise DomainError(_("Cần ghi nội dung."), field="text")
    check_lengths(Request, text=text, sender=sender)
    today = timezone.localdate()
    with transaction.atomic():
        request = Request.objects.create(
            commune=commune, text=text.strip(), sender=sender.strip(), received_on=today
        )
        audit.log_create(actor=None, obj=request, unit_id=commune.pk)
        _touch(commune.pk, today)
    return request


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


FIRST_DAY = dt.date(2000, 1, 1)  # earlier dates are typos, not records


def _day(day: dt.date, field: str, *, future: bool = False) -> None:
    if not FIRST_DAY <= day <= latest_day(future=future):
        raise DomainError(
            _("Ngày phải từ %(a)s đến %(b)s.")
            % {"a": vn_date(FIRST_DAY), "b": vn_date(latest_day(future=future))},
            field=field,
        )


def _money(amount: int, field: str) -> None:
    if not 0 < amount <= MAX_MONEY:
        raise DomainError(_("Số tiền không hợp lệ."), field=field)


def project_create(*, actor: Any, commune: Unit, data: ProjectData) -> Project:
    check_projects(actor, commune)
    if commune.kind != UnitKind.COMMUNE:
        raise DomainError(
            _("Công trình do cộng đồng đóng góp được ghi ở xã, phường."), field="name"
        )
    if not data.name.strip() or not data.sources.strip():
        raise DomainError(_("Cần tên công trình và nguồn kinh phí."), field="name")
    _money(data.budget, "budget")
    _day(data.starts_on, "starts_on", future=True)
    if data.ends_on < data.starts_on or data.ends_on > data.starts_on + dt.timedelta(days=3660):
        raise DomainError(
            _("Ngày hoàn thành phải sau ngày khởi công, trong vòng mười năm."), field="ends_on"
        )
    matter = data.approved_by
    if matter is not None and (
        matter.status != Status.PUBLISHED or not matter.unit.path.startswith(commune.path)
    ):
        raise DomainError(_("Chỉ nội dung đã công bố kết quả của xã này."), field="approved_by")
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
        _touch(commune.pk, data.starts_on)
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
    _money(amount, "amount")
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
    _money(amount, "amount")
    household = _household(project, code)
    day = paid_on or timezone.localdate()
    _day(day, "paid_on")
    with transaction.atomic():
        payment = Payment.objects.create(
            project=project,
            household=household,
            amount=amount,
            paid_on=day,
            recorded_by=audit.acting_user(actor),
        )
        audit.log_create(actor=actor, obj=payment, unit_id=project.commune_id)
        _touch(project.commune_id, day)
    return payment


def spending_record(
    *, actor: Any, project: Project, what: str, amount: int, spent_on: dt.date | None = None
) -> Spending:
    check_projects(actor, project.commune)
    _money(amount, "amount")
    if not what.strip():
        raise DomainError(_("Cần ghi nội dung chi."), field="what")
    day = spent_on or timezone.localdate()
    _day(day, "spent_on")
    check_lengths(Spending, what=what)
    with transaction.atomic():
        spending = Spending.objects.create(
            project=project, what=what.strip(), amount=amount, spent_on=day
        )
        audit.log_create(actor=actor, obj=spending, unit_id=project.commune_id)
        _touch(project.commune_id, day)
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
    _day(day, "on")
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
        _touch(project.commune_id, day)
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
