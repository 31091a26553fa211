import datetime as dt

from ninja import Schema


class FigureOut(Schema):
    code: str
    label: str
    measure: str
    value: float | int | None
    definition: str
    basis: str


class FiguresOut(Schema):
    unit: str
    unit_name: str
    period: str
    period_label: str
    start: dt.date
    end: dt.date
    items: list[FigureOut]
