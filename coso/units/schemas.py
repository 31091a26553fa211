import datetime as dt

from ninja import Schema


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    division_type: str
    parent_code: str | None
    path: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    @staticmethod
    def resolve_parent_code(obj: object) -> str | None:
        parent = getattr(obj, "parent", None)
        return parent.code if parent else None


class UnitPage(Schema):
    items: list[UnitOut]
    next_after: str | None
