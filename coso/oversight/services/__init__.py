"""Writes of the boards: the People's Inspection Board in `board`, community investment
supervision in `projects`. Callers use `coso.oversight.services.<name>`."""

from coso.oversight.services.board import (
    board_warnings,
    members_from_election,
    plan_create,
    plan_findings,
    recommend,
    request_receive,
)
from coso.oversight.services.projects import (
    ProjectData,
    board_warnings_for,
    due_set,
    payment_record,
    project_board_from_election,
    project_create,
    project_progress,
    spending_record,
    visit_record,
)

__all__ = [
    "ProjectData",
    "board_warnings",
    "board_warnings_for",
    "due_set",
    "members_from_election",
    "payment_record",
    "plan_create",
    "plan_findings",
    "project_board_from_election",
    "project_create",
    "project_progress",
    "recommend",
    "request_receive",
    "spending_record",
    "visit_record",
]
