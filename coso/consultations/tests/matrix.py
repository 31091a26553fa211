"""The consultations app's part of the permission test (tests/test_permissions.py):
commune A's open consultation with an opinion, and a finished one with its synthesis;
and an example for each of its pages — the URL's arguments and the unit its record lives
in (None: no record)."""

import datetime as dt
from typing import Any

from coso.consultations import services as consultations


def records(w: Any) -> dict[str, Any]:
    today, official = dt.date.today(), w.official
    consultation = consultations.consultation_publish(
        actor=official,
        unit=w.tree.a,
        draft=consultations.Draft(
            category="7",
            title="Dự thảo",
            clauses=["Điều 1."],
            forms=["box"],
            closes_on=today + dt.timedelta(days=30),
        ),
    )
    opinion = consultations.opinion_record(
        actor=official,
        consultation=consultation,
        clause=None,
        text="x",
        source="box",
        contributor="Nguyễn Thị Gửi",
    )
    finished = consultations.consultation_publish(
        actor=official,
        unit=w.tree.a,
        draft=consultations.Draft(
            category="5",
            title="Đã xong",
            clauses=["Điều 1."],
            forms=["box"],
            closes_on=today - dt.timedelta(days=10),
            opened_on=today - dt.timedelta(days=40),
        ),
    )
    consultations.consultation_close(actor=official, consultation=finished)
    consultations.consultation_result(
        actor=official, consultation=finished, synthesis="Không có ý kiến.", finals={}
    )
    return {"consultation": consultation, "opinion": opinion, "published_consultation": finished}


PAGES = {
    "consultations:public_list": lambda w, u: ({"code": w.tree.a.code}, None),
    "consultations:public_detail": lambda w, u: ({"pk": w.consultation.pk}, None),
    "consultations:draft": lambda w, u: ({"pk": w.consultation.pk}, None),
    "consultations:docx": lambda w, u: ({"pk": w.published_consultation.pk}, None),
    "consultations:list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "consultations:new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "consultations:detail": lambda w, u: ({"pk": w.consultation.pk}, w.tree.a),
    "consultations:record": lambda w, u: ({"pk": w.consultation.pk}, w.tree.a),
    "consultations:close": lambda w, u: ({"pk": w.consultation.pk}, w.tree.a),
    "consultations:result": lambda w, u: ({"pk": w.consultation.pk}, w.tree.a),
    "consultations:answer": lambda w, u: ({"pk": w.opinion.pk}, w.tree.a),
}
