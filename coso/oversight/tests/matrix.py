"""The oversight app's part of the permission test (tests/test_permissions.py): commune
A's People's Inspection Board plan and a community-funded project, and an example for
each of its pages — the URL's arguments and the unit its record lives in (None: no
record)."""

import datetime as dt
from typing import Any

from coso.accounts.models import Role, RoleAssignment, User
from coso.oversight import services as oversight


def records(w: Any) -> dict[str, Any]:
    today = dt.date.today()
    board = User.objects.create_user("ttnd-records")
    RoleAssignment.objects.create(user=board, unit=w.tree.a, role=Role.INSPECTION_MEMBER)
    plan = oversight.plan_create(
        actor=board,
        commune=w.tree.a,
        subject="Kiểm tra quỹ",
        starts_on=today + dt.timedelta(days=20),
        notified_on=today,
    )
    project = oversight.project_create(
        actor=w.official,
        commune=w.tree.a,
        data=oversight.ProjectData(
            name="Đường bê tông",
            budget=100_000_000,
            sources="Nhân dân",
            starts_on=today,
            ends_on=today + dt.timedelta(days=90),
            due_per_household=100_000,
        ),
    )
    return {"plan": plan, "project": project}


PAGES = {
    "oversight:public_projects": lambda w, u: ({"code": w.tree.a.code}, None),
    "oversight:public_project": lambda w, u: ({"pk": w.project.pk}, None),
    "oversight:projects": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:project_new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:project": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:project_money": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:project_visit": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:project_board": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:project_dues": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:project_roles": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:public": lambda w, u: ({"code": w.tree.a.code}, None),
    "oversight:board": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:members_import": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:board_roles": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:plan_new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:report": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:plan": lambda w, u: ({"pk": w.plan.pk}, w.tree.a),
    "oversight:findings": lambda w, u: ({"pk": w.plan.pk}, w.tree.a),
    "oversight:recommend": lambda w, u: ({"pk": w.plan.pk}, w.tree.a),
}
