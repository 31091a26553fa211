"""A project's Community Investment Supervision Board (GDL arts. 41–45; D59 art. 16):
its members from the community's published election, their head and deputies, and what
the board lacks against the rulebook (`oversight.cisb.members`)."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit
from coso.core.errors import DomainError
from coso.decisions import selectors as decisions
from coso.decisions.selectors import Board, Matter
from coso.oversight.models import MemberRole, Project, Supervisor
from coso.oversight.services.common import (
    NeedsConfirmation,
    check_boards,
    elected_names,
    set_roles,
)
from coso.oversight.services.projects import check_projects
from coso.rules.services import RuleMissing

RULE = "oversight.cisb.members"


def board_warnings_for(project: Project, supervisors: list[Supervisor]) -> list[str]:
    """The project's supervision board (`supervisors`, already read) against the rule."""
    try:
        rule = rules.value(RULE, on=project.starts_on)
    except RuleMissing:
        return []
    cite = rules.citation(RULE, on=project.starts_on)
    roles = [s.role for s in supervisors]
    warnings = []
    if len(supervisors) < rule["min"]:
        warnings.append(
            _("Ban giám sát có %(n)s thành viên; cần ít nhất %(m)s (%(cite)s).")
            % {"n": len(supervisors), "m": rule["min"], "cite": cite}
        )
    if supervisors and MemberRole.HEAD not in roles:
        warnings.append(_("Ban chưa có trưởng ban."))
    if roles.count(MemberRole.DEPUTY) > rule["max_deputies"]:
        warnings.append(
            _("Ban có %(n)s phó trưởng ban; nhiều nhất %(m)s (%(cite)s).")
            % {"n": roles.count(MemberRole.DEPUTY), "m": rule["max_deputies"], "cite": cite}
        )
    return warnings


def project_board_from_election(
    *, actor: Any, project: Project, matter: Matter, replace: bool = False
) -> Project:
    """The supervision board elected by the community (a published election of item 5
    for this board) becomes the project's board. An election already made a project's
    board is refused; a board already recorded is replaced only with `replace`."""
    check_projects(actor, project.commune)
    elected = decisions.is_published_board_election(matter, board=Board.CISB)
    if not elected or not matter.unit.path.startswith(project.commune.path):
        raise DomainError(
            _("Chỉ kết quả đã công bố của cuộc bầu Ban giám sát đầu tư của cộng đồng trong xã."),
            field="matter",
        )
    names = elected_names(matter)
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).first()
        used = Project.objects.filter(board_elected_by=matter).first()
        if used is not None:
            raise DomainError(
                _("Kết quả bầu này đã được ghi làm Ban giám sát của công trình “%(name)s”.")
                % {"name": used.name},
                field="matter",
            )
        before = list(project.supervisors.values_list("name", flat=True))
        if before and not replace:
            raise NeedsConfirmation(
                _("Ban giám sát hiện có %(n)s thành viên sẽ được thay bằng người trúng cử.")
                % {"n": len(before)},
                replaced=before,
            )
        project.supervisors.all().delete()
        Supervisor.objects.bulk_create(
            Supervisor(project=project, name=name[:200], position=n) for n, name in enumerate(names)
        )
        project.board_elected_by = matter
        project.save(update_fields=["board_elected_by", "updated_at"])
        audit.log_event(
            actor=actor,
            model="oversight.project",
            record=project,
            changes={"board": [before, names], "elected_by": matter.pk},
        )
    return project


def project_roles_set(
    *, actor: Any, project: Project, head: int | None, deputies: list[int]
) -> list[Supervisor]:
    """The head (Trưởng ban) and deputies (Phó trưởng ban) of the project's supervision
    board, chosen among its members: exactly one head, deputies up to the rulebook's
    number. Everyone else is a member."""
    check_boards(actor, project.commune)
    with transaction.atomic():
        board = list(project.supervisors.select_for_update())
        set_roles(
            board,
            head=head,
            deputies=deputies,
            rule_code=RULE,
            on=project.starts_on,
            actor=actor,
            audit_model="oversight.supervisor",
            about=project,
        )
    return board
