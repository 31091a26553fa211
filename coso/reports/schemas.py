import datetime as dt

from ninja import Schema
from pydantic import Field


class FigureOut(Schema):
    code: str
    label: str
    measure: str
    value: float | int | None
    definition: str
    basis: str
    counts: str = Field(description="Hồ sơ được đếm; với tỷ lệ: tử số / mẫu số")
    version: int = Field(description="Phiên bản định nghĩa của chỉ tiêu")


class FiguresOut(Schema):
    unit: str
    unit_name: str
    period: str
    period_label: str
    start: dt.date
    end: dt.date
    items: list[FigureOut]
