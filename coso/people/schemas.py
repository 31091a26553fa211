import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from coso.people.citizen_id import masked


class ResidentOut(Schema):
    id: int
    full_name: str
    sex: str
    date_of_birth: dt.date
    citizen_id: str | None
    relation: str
    is_representative: bool

    @staticmethod
    def resolve_citizen_id(obj: object, context: dict[str, Any]) -> str | None:
        """Whole only for roles that keep the register (`citizen_id.read`)."""
        value = obj.citizen_id  # type: ignore[attr-defined]
        return value if getattr(context["request"], "coso_full_ids", False) else masked(value)


class HouseholdOut(Schema):
    id: int
    code: str
    address: str
    village_code: str = Field(alias="village.code")
    representative_name: str | None = None
    member_count: int | None = None


class HouseholdDetail(HouseholdOut):
    members: list[ResidentOut]

    @staticmethod
    def resolve_members(obj: object) -> list[object]:
        return list(obj.members.order_by("-is_representative", "id"))  # type: ignore[attr-defined]


class HouseholdPage(Schema):
    items: list[HouseholdOut]
    next_after: int | None
