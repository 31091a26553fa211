"""The dialogues app's part of the permission test (tests/test_permissions.py): commune
A's dialogue, where a resident's question got a commitment (a follow-up, moved on with a
photo), and a work visit; and an example for each of its pages and API operations — the
URL's arguments and the unit its record lives in (None: no record)."""

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from coso.dialogues import services as dialogues
from coso.dialogues.models import Meeting
from coso.followups.services import Promise, followup_move

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def records(w: Any) -> dict[str, Any]:
    today, commune = dt.date.today(), w.tree.a
    talk = dialogues.meeting_create(
        actor=w.official,
        unit=commune,
        data=dialogues.MeetingData(kind="dialogue", date=today, place="UBND xã", chair="Chủ tịch"),
    )
    promise = Promise(
        "Sửa đường",
        commune,
        "Chủ tịch",
        today,
        today,
        raised_by_resident=True,
        raiser_name="Nguyễn Thị Gửi",
        raiser_contact="0912000111",
    )
    asked = dialogues.item_add(
        actor=w.official,
        meeting=talk,
        data=dialogues.ItemData(
            text="Đường hỏng",
            asker_name="Nguyễn Thị Gửi",
            asker_contact="0912000111",
            commitment=promise,
        ),
    )
    followup_move(
        actor=w.official,
        followup=asked.followup,
        status="in_progress",
        files=[SimpleUploadedFile("anh.pdf", PDF)],
    )
    visit = Meeting.objects.create(
        kind="visit", unit=commune, date=today, place="UBND xã", chair="Ban Dân vận"
    )
    return {"dialogue": talk, "followup": asked.followup, "visit": visit}


PAGES = {
    "dialogues:public_list": lambda w, u: ({"code": w.tree.a.code}, None),
    "dialogues:public_detail": lambda w, u: ({"pk": w.dialogue.pk}, None),
    "dialogues:list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "dialogues:new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "dialogues:visit_new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "dialogues:detail": lambda w, u: ({"pk": w.dialogue.pk}, w.tree.a),
    "dialogues:item_add": lambda w, u: ({"pk": w.dialogue.pk}, w.tree.a),
    "dialogues:commitment_add": lambda w, u: ({"pk": w.dialogue.pk}, w.tree.a),
    "dialogues:conclusion_add": lambda w, u: ({"pk": w.visit.pk}, w.tree.a),
}
API = {
    "GET /api/dialogues": lambda w: ({"unit": w.tree.a.code}, None, w.tree.a),
    "GET /api/dialogues/{meeting_id}": lambda w: ({"meeting_id": w.dialogue.pk}, None, w.tree.a),
    "POST /api/dialogues": lambda w: (
        {},
        {
            "unit": w.tree.a.code,
            "kind": "dialogue",
            "date": dt.date.today().isoformat(),
            "place": "x",
            "chair": "y",
        },
        w.tree.a,
    ),
    "POST /api/dialogues/{meeting_id}/questions": lambda w: (
        {"meeting_id": w.dialogue.pk},
        {"text": "x"},
        w.tree.a,
    ),
}
