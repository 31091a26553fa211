"""Community investment supervision: projects, what households owe and pay, spending,
the supervision board's visits and recommendations."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit
from coso.core.errors import DomainError
from coso.core.limits import check_lengths, check_lengths_of
from coso.core.permissions import can
from coso.core.text import whole
from coso.decisions import selectors as decisions
from coso.decisions.selectors import Matter
from coso.followups.services import Promise, followup_create
from coso.oversight import contribution
from coso.oversight.models import (
    Due,
    Payment,
    Project,
    Spending,
    Supervisor,
    Visit,
)
from coso.oversight.services.common import (
    NeedsConfirmation,
    check_board,
    check_day,
    check_money,
    log_added,
    touch,
)
from coso.people import selectors as people
from coso.units.selectors import Unit, UnitKind


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
    # The contribution decided: an amount per household (đồng) or a share of the budget
    # (%), exactly one of them.
    due_per_household: int | None = None
    residents_share: Decimal | None = None


def check_projects(actor: Any, commune: Unit) -> None:
    if not can(actor, "projects.write", path=commune.path):
        raise DomainError(_("Bạn không có quyền ghi công trình của xã này."), field="name")


def _check_approval(matter: Matter | None, commune: Unit) -> None:
    if matter is not None and (
        not decisions.is_published_contribution(matter)
        or not matter.unit.path.startswith(commune.path)
    ):
        raise DomainError(
            _("Chỉ nội dung đóng góp (mục 1–2) đã công bố kết quả của xã này."),
            field="approved_by",
        )


def check_contribution(data: ProjectData) -> None:
    """One way of contributing, within bounds, and — where the decided text states
    figures — the figure it states (GDL art. 15(1): the households decide each one's
    contribution; the project cannot ask for another)."""
    per_household, share = data.due_per_household, data.residents_share
    if per_household is None and share is None:
        raise DomainError(
            _(
                "Hãy ghi mức đóng góp Nhân dân đã quyết định: số tiền mỗi hộ "
                "hoặc phần trăm tổng kinh phí."
            ),
            field="due_per_household",
        )
    if per_household is not None and share is not None:
        raise DomainError(
            _("Chỉ ghi một trong hai: số tiền mỗi hộ hoặc phần trăm tổng kinh phí."),
            field="residents_share",
        )
    if per_household is not None and not 0 <= per_household <= data.budget:
        raise DomainError(
            _("Số tiền mỗi hộ phải từ 0 đồng đến tổng kinh phí."), field="due_per_household"
        )
    if share is not None and not 0 <= share <= 100:
        raise DomainError(_("Phần trăm phải từ 0 đến 100."), field="residents_share")
    if data.approved_by is not None:
        _check_against_decision(data.approved_by, per_household, share)


def _check_against_decision(matter: Matter, per_household: int | None, share: Any) -> None:
    said = contribution.stated_in(f"{matter.title}\n{matter.proposal}")
    stated = bool(said.amounts or said.shares)
    if per_household is not None and stated and per_household not in said.amounts:
        raise DomainError(
            _("Nội dung Nhân dân đã quyết định ghi: %(said)s; mức %(n)s đồng mỗi hộ không khớp.")
            % {"said": _said(said), "n": whole(per_household)},
            field="due_per_household",
        )
    if share is not None and stated and share not in said.shares:
        raise DomainError(
            _("Nội dung Nhân dân đã quyết định ghi: %(said)s; mức %(p)s%% không khớp.")
            % {"said": _said(said), "p": percent(share)},
            field="residents_share",
        )


def _said(said: contribution.Stated) -> str:
    figures = [_("%(n)s đồng") % {"n": whole(a)} for a in sorted(said.amounts)]
    return ", ".join(figures + [f"{percent(s)}%" for s in sorted(said.shares)])


def percent(share: Decimal) -> str:
    """30, 30,5 — a percentage as Vietnamese write it."""
    text = f"{share.normalize():f}"
    return text.replace(".", ",")


def project_create(*, actor: Any, commune: Unit, data: ProjectData) -> Project:
    """A community project and its supervision board (one name a line); when it names
    the households' published decision, the dues that decision sets are issued too."""
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
    _check_approval(data.approved_by, commune)
    check_contribution(data)
    check_lengths_of(Project, data, "name", "sources", "contractor")
    names = [n.strip() for n in data.board.splitlines() if n.strip()]
    for name in names:
        check_lengths(Supervisor, name=name)
    with transaction.atomic():
        project = Project.objects.create(
            commune=commune,
            name=data.name.strip(),
            approved_by=data.approved_by,
            budget=data.budget,
            due_per_household=data.due_per_household,
            residents_share=data.residents_share,
            sources=data.sources.strip(),
            contractor=data.contractor.strip(),
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            created_by=audit.acting_user(actor),
        )
        Supervisor.objects.bulk_create(
            Supervisor(project=project, name=name, position=n) for n, name in enumerate(names)
        )
        audit.log_create(actor=actor, obj=project, unit_id=commune.pk)
        if data.approved_by is not None:
            dues_issue(actor=actor, project=project)
        touch(commune.pk, data.starts_on)
    return project


def dues_issue(*, actor: Any, project: Project, replace: bool = False) -> contribution.Dues:
    """One due per household that must contribute — the households of the unit whose
    households decided (`households_under` the matter's village or commune) — each the
    decided amount, or its equal part of the budget's share (`contribution.dues_for`).
    Dues already issued are replaced only with `replace`."""
    check_projects(actor, project.commune)
    matter = project.approved_by
    if matter is None:
        raise DomainError(
            _("Công trình chưa gắn với nội dung Nhân dân đã quyết định đóng góp."),
            field="approved_by",
        )
    _check_amount(project)
    households = list(
        people.households_under(unit=matter.unit).order_by("id").values_list("id", flat=True)
    )
    if not households:
        raise DomainError(_("Không có hộ nào phải đóng góp."), field="approved_by")
    dues = contribution.dues_for(
        budget=project.budget,
        households=len(households),
        per_household=project.due_per_household,
        share=project.residents_share,
    )
    with transaction.atomic():
        issued = _issued_before(project, replace)
        Due.objects.filter(project=project).delete()
        Due.objects.bulk_create(
            Due(project=project, household_id=h, amount=dues.each) for h in households
        )
        audit.log_event(
            actor=actor,
            model="oversight.due",
            record=project,
            changes={
                "matter": matter.pk,
                "households": [issued["n"], dues.households],
                "total": [issued["total"] or 0, dues.total],
                "each": dues.each,
                "remainder": dues.remainder,
            },
        )
    return dues


def _check_amount(project: Project) -> None:
    if project.due_per_household is None and project.residents_share is None:
        raise DomainError(
            _("Công trình chưa ghi mức đóng góp Nhân dân đã quyết định."),
            field="due_per_household",
        )


def _issued_before(project: Project, replace: bool) -> dict[str, Any]:
    """In the caller's transaction, the project locked: how many dues were issued before
    and their total; replacing them needs `replace`."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    issued = Due.objects.filter(project=project).aggregate(n=Count("id"), total=Sum("amount"))
    if issued["n"] and not replace:
        raise NeedsConfirmation(
            _("Mức đóng góp đã phát cho %(n)s hộ sẽ được phát lại theo quyết định.")
            % {"n": whole(issued["n"])},
            replaced=[
                _("%(n)s khoản phải đóng, tổng %(total)s đồng")
                % {"n": whole(issued["n"]), "total": whole(issued["total"] or 0)}
            ],
        )
    return issued


def _household(project: Project, code: str) -> Any:
    found = people.commune_households(commune=project.commune).filter(code=code.strip()).first()
    if found is None:
        raise DomainError(
            _("Không có hộ mã “%(code)s” trong xã.") % {"code": code}, field="household"
        )
    return found


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
        log_added(actor, payment, project.commune_id, day)
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
        log_added(actor, spending, project.commune_id, day)
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
