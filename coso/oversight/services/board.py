"""The People's Inspection Board's work, every period from the rulebook: members from
the published election, plans, findings, recommendations, residents' requests."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coso import rules
from coso.concerns import services as concerns
from coso.core import audit
from coso.core.dates import latest_day, vn_date
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.core.permissions import can
from coso.decisions import selectors as decisions
from coso.decisions.selectors import Board, Matter
from coso.followups.selectors import FollowUp
from coso.followups.services import Promise, followup_create
from coso.oversight.models import (
    Member,
    MemberRole,
    Plan,
    Request,
)
from coso.oversight.services.common import (
    NeedsConfirmation,
    check_board,
    check_boards,
    check_day,
    elected_names,
    log_added,
    set_roles,
    touch,
)
from coso.rules.services import RuleMissing
from coso.units.selectors import COMMUNITY_KINDS, Unit, UnitKind


def members_from_election(*, actor: Any, matter: Matter, replace: bool = False) -> list[Member]:
    """The published result of a village's (or the commune's) election of board members
    makes the elected its members, ending the term of those the same village elected
    before — only with `replace` when there are any. A result already recorded is
    refused."""
    commune = matter.unit.parent if matter.unit.kind in COMMUNITY_KINDS else matter.unit
    assert commune is not None
    _check_pib_result(actor, matter)
    elected = elected_names(matter)
    village = matter.unit if matter.unit.kind in COMMUNITY_KINDS else None
    start = matter.published_on or timezone.localdate()
    with transaction.atomic():
        Matter.objects.select_for_update().filter(pk=matter.pk).first()
        if Member.objects.filter(elected_by=matter).exists():
            raise DomainError(
                _("Kết quả bầu này đã được ghi vào Ban; không ghi lại lần nữa."), field="matter"
            )
        ending = members_ending(matter=matter)
        if ending and not replace:
            raise NeedsConfirmation(
                _("Những thành viên do cùng thôn, tổ bầu trước đây sẽ hết nhiệm kỳ từ %(day)s.")
                % {"day": vn_date(start)},
                replaced=[m.name for m in ending],
            )
        # A new result ends the term of those the same village (or commune) elected before.
        Member.objects.filter(pk__in=[m.pk for m in ending]).update(term_to=start)
        made = _members_create(matter, elected, commune, village, start)
        audit.log_event(
            actor=actor,
            model="oversight.member",
            record=matter,
            unit_id=commune.pk,
            changes={"elected": elected, "ended": [m.name for m in ending]},
        )
    return made


def _check_pib_result(actor: Any, matter: Matter) -> None:
    """Only who may record the election, and only the published result of an election
    of the People's Inspection Board's members."""
    if not can(actor, "decisions.write", path=matter.unit.path):
        raise DomainError(_("Bạn không có quyền ghi kết quả bầu cử này."), field="matter")
    if not decisions.is_published_board_election(matter, board=Board.PIB):
        raise DomainError(
            _("Chỉ kết quả đã công bố của cuộc bầu thành viên Ban Thanh tra nhân dân."),
            field="matter",
        )


def _members_create(
    matter: Matter, elected: list[str], commune: Unit, village: Unit | None, start: dt.date
) -> list[Member]:
    return [
        Member.objects.create(
            elected_by=matter,
            name=name[:200],
            commune=commune,
            village=village,
            term_from=start,
        )
        for name in elected
    ]


def members_ending(*, matter: Matter) -> list[Member]:
    """The members whose term the election's result would end: those the same village
    (or the commune) elected before, still in office."""
    commune = matter.unit.parent if matter.unit.kind in COMMUNITY_KINDS else matter.unit
    village = matter.unit if matter.unit.kind in COMMUNITY_KINDS else None
    start = matter.published_on or timezone.localdate()
    return list(
        Member.objects.filter(
            commune=commune, village=village, term_to__isnull=True, term_from__lt=start
        ).exclude(elected_by=matter)
    )


def board_roles_set(
    *, actor: Any, commune: Unit, head: int | None, deputies: list[int]
) -> list[Member]:
    """The head (Trưởng ban) and deputies (Phó trưởng ban) of the commune's People's
    Inspection Board, chosen among the members in office: exactly one head, deputies up
    to the rulebook's number (`oversight.pib.members`). Everyone else is a member."""
    check_boards(actor, commune)
    today = timezone.localdate()
    with transaction.atomic():
        board = list(
            Member.objects.select_for_update()
            .filter(commune=commune, term_from__lte=today)
            .exclude(term_to__lt=today)
        )
        set_roles(
            board,
            head=head,
            deputies=deputies,
            rule_code="oversight.pib.members",
            on=today,
            actor=actor,
            audit_model="oversight.member",
            about=commune,
        )
    return board


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
    if found and not members.filter(role=MemberRole.HEAD).exists():
        warnings.append(_("Ban chưa có trưởng ban."))
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
    check_day(notified_on, "notified_on")
    check_day(starts_on, "starts_on", future=True)
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
        log_added(actor, plan, commune.pk, starts_on)
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
        touch(plan.commune_id, day)
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
        log_added(None, request, commune.pk, today)
        concerns.raised_many([raised_of(request)])
    return request


def raised_of(request: Request) -> concerns.Raised:
    """What a request to the board raised, for the concerns by topic."""
    return concerns.Raised(
        record=request,
        channel=concerns.Channel.INSPECTION,
        label=format_lazy("{} #{}", gettext_lazy("Đề nghị gửi Ban Thanh tra nhân dân"), request.pk),
        url=reverse("oversight:board", args=[request.commune.code]) + f"#request-{request.pk}",
        unit=request.commune,
        on=request.received_on,
        text=request.text,
    )
