"""Reads of the boards and projects: members in the order of their roles, the elections
a board may still import, and a project's money reconciled from SQL sums."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, IntegerField, Max, Min, QuerySet, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core.pagination import dated_page
from coso.core.text import whole
from coso.decisions import selectors as decisions
from coso.decisions.selectors import Board, Matter
from coso.oversight import contribution
from coso.oversight.models import Member, MemberRole, Plan, Project, Supervisor
from coso.rules.services import RuleMissing
from coso.units.selectors import Unit, units_under

# Head first, then deputies, then members, wherever a board is listed.
ROLE_RANK = Case(
    When(role=MemberRole.HEAD, then=Value(0)),
    When(role=MemberRole.DEPUTY, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def board_members(*, commune: Unit) -> list[Member]:
    """The People's Inspection Board's members in office today, head first."""
    today = timezone.localdate()
    return list(
        Member.objects.filter(commune=commune, term_from__lte=today)
        .exclude(term_to__lt=today)
        .select_related("village")
        .order_by(ROLE_RANK, "name", "id")
    )


def projects_page(*, commune: Unit, after: str, size: int) -> tuple[list[Project], str | None]:
    """The commune's projects, latest start first, a page after the key `after`: one
    query."""
    qs = Project.objects.filter(commune=commune)
    return dated_page(qs, field="starts_on", after=after, size=size, descending=True)


def supervisors(*, project: Project) -> list[Supervisor]:
    """A project's supervision board, head first, then in the order elected."""
    return list(project.supervisors.order_by(ROLE_RANK, "position", "id"))


def pib_elections(*, commune: Unit) -> QuerySet[Matter]:
    """Published elections of the People's Inspection Board in the commune's villages
    whose result is not yet recorded."""
    return (
        decisions.published_board_elections(board=Board.PIB)
        .filter(unit__parent=commune)
        .exclude(pk__in=Member.objects.filter(elected_by__isnull=False).values("elected_by"))
        .only("id", "title", "published_on")
        .order_by("-published_on", "-id")
    )


def cisb_elections(*, project: Project) -> QuerySet[Matter]:
    """Published elections of a supervision board in the project's commune that no
    project's board came from yet (one board per project, GDL art. 41)."""
    return (
        decisions.published_board_elections(board=Board.CISB)
        .filter(unit__path__startswith=project.commune.path)
        .exclude(
            pk__in=Project.objects.filter(board_elected_by__isnull=False).values("board_elected_by")
        )
        .only("id", "title", "published_on")
        .order_by("-published_on", "-id")[:50]
    )


def contribution_matters(*, commune: Unit) -> QuerySet[Matter]:
    """The commune's published decisions on contributions (items 1–2 of GDL art. 15)."""
    return (
        decisions.published_contributions()
        .filter(unit__path__startswith=commune.path)
        .only("id", "title", "proposal")
    )


@dataclass(frozen=True)
class Money:
    """A project's money, reconciled: what the households decided, the dues issued,
    what came in and what went out. Every sum is SQL's."""

    budget: int
    share: int  # đồng the residents carry: the amount × households, or budget × %
    share_pct: Decimal  # the same as a percentage of the budget
    decided_each: int | None
    decided_pct: Decimal | None
    households: int  # dues issued, one per household
    each: int | None  # the due of every household, when all are equal
    due: int  # total of the dues
    remainder: int  # đồng the equal division of a share leaves over
    collected: int
    spent: int

    @property
    def outstanding(self) -> int:
        """Dues not yet paid (negative when households paid more)."""
        return self.due - self.collected

    @property
    def balance(self) -> int:
        """The budget not yet spent."""
        return self.budget - self.spent


def project_money(*, project: Project) -> Money:
    """Three aggregates in SQL (dues, payments, spending) and the decided contribution."""
    dues = project.dues.aggregate(
        n=Count("id"), total=Sum("amount"), lo=Min("amount"), hi=Max("amount")
    )
    collected = project.payments.aggregate(n=Sum("amount"))["n"] or 0
    spent = project.spendings.aggregate(n=Sum("amount"))["n"] or 0
    due = dues["total"] or 0
    if project.residents_share is not None:
        share = contribution.residents_part(budget=project.budget, share=project.residents_share)
    else:
        share = (project.due_per_household or 0) * dues["n"]
    return Money(
        budget=project.budget,
        share=share,
        share_pct=project.residents_share
        if project.residents_share is not None
        else contribution.share_of_budget(amount=share, budget=project.budget),
        decided_each=project.due_per_household,
        decided_pct=project.residents_share,
        households=dues["n"],
        each=dues["lo"] if dues["lo"] == dues["hi"] else None,
        due=due,
        remainder=share - due if project.residents_share is not None else 0,
        collected=collected,
        spent=spent,
    )


def money_warnings(*, project: Project, money: Money) -> list[str]:
    """Where the dues issued differ from what the households decided."""
    warnings = []
    if money.decided_each is None and money.decided_pct is None:
        warnings.append(_("Chưa ghi mức đóng góp Nhân dân đã quyết định."))
    elif money.decided_each is not None and money.households and money.each != money.decided_each:
        warnings.append(
            _("Mức phải đóng của các hộ khác mức %(n)s đồng mỗi hộ Nhân dân đã quyết định.")
            % {"n": whole(money.decided_each)}
        )
    elif money.decided_pct is not None and money.households and money.remainder >= money.households:
        warnings.append(_("Tổng các khoản phải đóng khác phần Nhân dân đã quyết định."))
    if project.approved_by_id and not money.households:
        warnings.append(_("Chưa phát mức đóng góp cho các hộ."))
    return warnings


def max_deputies(*, rule_code: str, on: Any) -> int | None:
    """How many deputies a board may have (`max_deputies` of its rule), if the rule is
    in force."""
    try:
        return int(rules.value(rule_code, on=on)["max_deputies"])
    except RuleMissing:
        return None


def calendar_plans(*, unit: Unit, since: dt.date) -> QuerySet[Plan]:
    """The People's Inspection Board's inspections in `unit` and the communes below it
    starting on or after `since`, for its public calendar (coso.calendars)."""
    return (
        Plan.objects.filter(commune__in=units_under(unit=unit), starts_on__gte=since)
        .only("id", "subject", "starts_on")
        .order_by("starts_on", "id")
    )
