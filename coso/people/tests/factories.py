import datetime as dt

from coso.people.models import Household, Relation
from coso.people.services import MemberData, household_create
from coso.units.models import Unit


def adult(name: str = "Lò Văn Pọm", *, representative: bool = True, **kw: object) -> MemberData:
    values: dict[str, object] = {
        "full_name": name,
        "sex": "M",
        "date_of_birth": dt.date(1980, 5, 17),
        "relation": Relation.HEAD,
        "is_representative": representative,
    }
    values.update(kw)
    return MemberData(**values)  # type: ignore[arg-type]


def child(name: str = "Lò Thị Mai", **kw: object) -> MemberData:
    values: dict[str, object] = {
        "full_name": name,
        "sex": "F",
        "date_of_birth": dt.date(2015, 3, 2),
        "relation": Relation.CHILD,
    }
    values.update(kw)
    return MemberData(**values)  # type: ignore[arg-type]


def make_household(
    village: Unit,
    code: str = "H001",
    *,
    members: list[MemberData] | None = None,
    actor: object = None,
) -> Household:
    return household_create(
        actor=actor,
        village=village,
        code=code,
        address="Số 1",
        members=[adult(), child()] if members is None else members,
    )
