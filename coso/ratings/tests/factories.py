"""Cases to rate, made through the petitions' and follow-ups' own services."""

import datetime as dt
from typing import Any

from coso.followups import services as followups
from coso.petitions import services as petitions
from coso.ratings import selectors, services

SCORES = {"timeliness": 4, "clarity": 5, "attitude": 3, "outcome": 4, "overall": 4}


def resolved_petition(official: Any, unit: Any, subject: str = "Đèn đường hỏng") -> Any:
    petition = petitions.petition_submit(
        actor=official,
        unit=unit,
        data=petitions.Submission(kind="feedback", subject=subject, description="x"),
    )
    petitions.petition_accept(actor=official, petition=petition)
    return petitions.petition_resolve(actor=official, petition=petition, resolution="Đã sửa.")


def done_followup(official: Any, unit: Any, text: str = "Sửa cầu tràn", done: bool = True) -> Any:
    today = dt.date.today()
    followup = followups.followup_create(
        actor=official,
        origin=unit,
        label="Hội nghị đối thoại",
        promise=followups.Promise(
            text, unit, "Chủ tịch UBND xã", today, today, raised_by_resident=True
        ),
    )
    if done:
        followups.followup_move(actor=official, followup=followup, status="done", note="Đã sửa.")
    return followup


def rate(code: str, scores: dict[str, int] | None = None, comment: str = "") -> Any:
    case = selectors.case_by_code(code)
    assert case is not None
    return services.rating_create(case=case, scores=scores or SCORES, comment=comment)
