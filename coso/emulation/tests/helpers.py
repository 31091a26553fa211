"""Five communes of one province with figures for 2025 written by hand into the
maintained table, a front officer of the province (the assessing body) and a set."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from coso.accounts.models import Role, RoleAssignment, User
from coso.emulation import services
from coso.emulation.services import CriterionData
from coso.reports.models import IndicatorValue
from coso.units.tests.factories import commune

# unit: (petitions resolved, of them on time, dialogues held)
FIGURES = {
    "A": (10, 10, 4),
    "B": (10, 8, 2),
    "C": (4, 3, 5),
    "D": (3, 2, 0),
    "E": None,
}
ASSESSED = {"A": 10, "B": 30, "C": 30, "D": 40, "E": 20}
NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def user(name: str, role: str, unit) -> User:
    u = User.objects.create_user(name, password="pw")
    RoleAssignment.objects.create(user=u, unit=unit, role=role)
    return u


def put(unit, province, **values: int) -> None:
    for code, value in values.items():
        IndicatorValue.objects.create(
            unit=unit, path=unit.path, province=province, period="2025", indicator=code, value=value
        )


def criteria() -> list[CriterionData]:
    return [
        CriterionData(
            "petitions",
            "Đơn giải quyết đúng hạn",
            Decimal(40),
            "automatic",
            "linear",
            "petitions.on_time_share",
            {"floor": 50, "target": 100},
        ),
        CriterionData(
            "dialogues",
            "Đối thoại",
            Decimal(20),
            "automatic",
            "thresholds",
            "dialogues.held",
            {"steps": [[4, 100], [2, 50]]},
        ),
        CriterionData("mobilisation", "Công tác dân vận", Decimal(40), "assessed", "points"),
    ]


def world(tree) -> SimpleNamespace:
    p = tree.province
    units = {
        "A": tree.a,
        "B": tree.b,
        "C": commune(p, "Xã C"),
        "D": commune(p, "Xã D"),
        "E": commune(p, "Xã E"),
    }
    for key, found in FIGURES.items():
        if found:
            resolved, on_time, held = found
            put(
                units[key],
                p,
                **{
                    "petitions.resolved": resolved,
                    "petitions.resolved_on_time": on_time,
                    "dialogues.held": held,
                },
            )
    front = user("front_province", Role.FRONT_OFFICER, p)
    criteria_set = services.set_create(
        actor=front,
        owner=p,
        year=2025,
        kind="commune",
        name="Thi đua dân chủ cơ sở",
        criteria=criteria(),
    )
    return SimpleNamespace(units=units, front=front, set=criteria_set, province=p)


def score_all(w, run) -> None:
    """The assessing body scores the assessed line of each unit, with a note."""
    by_unit = {u.pk: k for k, u in w.units.items()}
    for result in run.results.prefetch_related("lines__criterion"):
        line = next(x for x in result.lines.all() if x.criterion.source == "assessed")
        services.line_score(
            actor=w.front,
            line=line,
            points=Decimal(ASSESSED[by_unit[result.unit_id]]),
            note="Biên bản kiểm tra",
        )
