"""Test data for concerns: a record of each channel (made in its own app's table) and
the concern it raised, with its topics as they count (ConcernTopic rows), written
directly — as `coso.concerns.services.raised` writes them, without its suggestion."""

import datetime as dt
from typing import Any

from django.db.models import Model

from coso.concerns.models import Channel, Concern, ConcernTopic, Topic
from coso.consultations.models import Consultation, Opinion
from coso.core.indicators import reporting_unit
from coso.dialogues.models import Item, Meeting
from coso.oversight.models import Request
from coso.petitions import services as petitions
from coso.surveys.models import Answer, Questionnaire, Response, Survey
from coso.units.selectors import Unit, provinces_of

TEXT = "Đền bù giải phóng mặt bằng chưa thỏa đáng"


def petition(unit: Unit, on: dt.date, *, kind: str = "feedback", text: str = TEXT) -> Model:
    return petitions.petition_submit(
        actor=None,
        unit=unit,
        data=petitions.Submission(
            kind=kind,
            subject="Kiến nghị",
            description=text,
            sender_name="Nguyễn Thị Gửi",
            sender_contact="0912000111",
            received_on=on,
        ),
    )


def question(unit: Unit, on: dt.date, *, text: str = TEXT) -> Model:
    meeting = Meeting.objects.create(
        kind="dialogue", unit=unit, date=on, place="Nhà văn hóa", chair="Chủ tịch UBND xã"
    )
    return Item.objects.create(meeting=meeting, number=1, text=text, asker_name="Lò Văn Pọm")


def opinion(unit: Unit, on: dt.date, *, text: str = TEXT) -> Model:
    draft = Consultation.objects.create(
        unit=unit, category="plan", title="Dự thảo", opened_on=on, closes_on=on
    )
    return Opinion.objects.create(consultation=draft, text=text, source="web", received_on=on)


def inspection(unit: Unit, on: dt.date, *, text: str = TEXT) -> Model:
    return Request.objects.create(commune=unit, text=text, received_on=on)


def survey_comment(unit: Unit, on: dt.date, *, text: str = TEXT) -> Model:
    survey = Survey.objects.create(
        unit=unit,
        questionnaire=Questionnaire.objects.get(code="sipas", version=1),
        title="Khảo sát",
        period=str(on.year),
        opens_on=on,
        closes_on=on,
        plan="all",
    )
    response = Response.objects.create(survey=survey)
    return Answer.objects.create(response=response, key="comment", text=text)


MAKERS = {
    Channel.PETITION: petition,
    Channel.QUESTION: question,
    Channel.OPINION: opinion,
    Channel.INSPECTION: inspection,
    Channel.SURVEY: survey_comment,
}


def concern(
    record: Model,
    *,
    channel: str,
    unit: Unit,
    on: dt.date,
    topics: list[str],
    household: Any = None,
    village: Unit | None = None,
    confirmed: bool = False,
) -> Concern:
    """The concern `record` raised, counting under `topics` (suggested; confirmed too
    when `confirmed`)."""
    commune_id = reporting_unit(unit)
    province_id = provinces_of(unit_ids=[commune_id])[commune_id]
    # What the channel's own service raised (a petition's), replaced by the topics asked.
    Concern.objects.filter(record_type=record._meta.label_lower, record_id=str(record.pk)).delete()
    found = Concern.objects.create(
        channel=channel,
        record_type=record._meta.label_lower,
        record_id=str(record.pk),
        label=f"{record._meta.verbose_name} {record.pk}",
        url=f"/records/{record.pk}/",
        unit=unit,
        commune_id=commune_id,
        province_id=province_id,
        village=village,
        household=household,
        raised_on=on,
        suggested=topics,
        confirmed=topics if confirmed else None,
    )
    rows = Topic.objects.filter(code__in=topics).select_related("parent")
    ConcernTopic.objects.bulk_create(
        ConcernTopic(
            concern=found,
            topic=t,
            top=t.parent or t,
            commune_id=commune_id,
            province_id=province_id,
            household=household,
            raised_on=on,
        )
        for t in rows
    )
    return found


def raised(channel: str, unit: Unit, on: dt.date, topics: list[str], **kw: Any) -> Concern:
    """A record of `channel` at `unit` on `on` and the concern it raised."""
    text = kw.pop("text", TEXT)
    kind = kw.pop("kind", None)
    extra = {"kind": kind} if kind else {}
    record = MAKERS[channel](unit, on, text=text, **extra)
    return concern(record, channel=channel, unit=unit, on=on, topics=topics, **kw)
