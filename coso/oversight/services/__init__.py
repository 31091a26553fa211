"""Writes of the boards: the People's Inspection Board in `board`, community investment
supervision in `projects`. Callers use `coso.oversight.services.<name>`."""

from coso.oversight.services.board import (
    board_roles_set,
    board_warnings,
    members_ending,
    members_from_election,
    plan_create,
    plan_findings,
    recommend,
    request_receive,
)
from coso.oversight.services.common import NeedsConfirmation, check_board
from coso.oversight.services.projects import (
    ProjectData,
    dues_issue,
    payment_record,
    project_create,
    project_progress,
    spending_record,
    visit_record,
)
from coso.oversight.services.supervision import (
    board_warnings_for,
    project_board_from_election,
    project_roles_set,
)

__all__ = [
    "NeedsConfirmation",
    "ProjectData",
    "board_roles_set",
    "board_warnings",
    "board_warnings_for",
    "check_board",
    "dues_issue",
    "members_ending",
    "members_from_election",
    "payment_record",
    "plan_create",
    "plan_findings",
    "project_board_from_election",
    "project_create",
    "project_progress",
    "project_roles_set",
    "recommend",
    "request_receive",
    "spending_record",
    "visit_record",
]
