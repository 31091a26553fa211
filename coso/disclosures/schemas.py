import datetime as dt
import uuid

from ninja import Schema
from pydantic import Field


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    content_type: str
    size: int


class DisclosureOut(Schema):
    series: uuid.UUID
    version: int
    unit_code: str = Field(alias="unit.code")
    category: str
    title: str
    body: str
    channels: list[str]
    decided_on: dt.date | None
    posted_on: dt.date
    due_by: dt.date | None
    is_late: bool
    is_permanent: bool
    keep_until: dt.date | None
    taken_down_on: dt.date | None
    taken_down_early: bool


class DisclosureDetail(DisclosureOut):
    attachments: list[AttachmentOut]


class DisclosurePage(Schema):
    items: list[DisclosureOut]
    next_after: int | None


class DisclosureIn(Schema):
    unit: str
    category: str
    title: str
    body: str = ""
    channels: list[str]
    decided_on: dt.date | None = None
    posted_on: dt.date | None = None


class TakeDownIn(Schema):
    taken_down_on: dt.date | None = None
    reason: str = ""
