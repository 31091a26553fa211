"""The petitions app's part of the permission test (tests/test_permissions.py): commune
A's feedback with a file, an accepted denunciation and a reception day, and an example
for each of its pages and API operations — the URL's arguments and the unit its record
lives in (None: no record)."""

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from coso.petitions import open311, reception
from coso.petitions import services as petitions

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def records(w: Any) -> dict[str, Any]:
    feedback = petitions.petition_submit(
        actor=None,
        unit=w.tree.a,
        data=petitions.Submission(
            kind="feedback",
            subject="Đèn hỏng",
            description="x",
            sender_name="Nguyễn Thị Gửi",
            sender_contact="0912000111",
            files=[SimpleUploadedFile("anh.pdf", PDF), SimpleUploadedFile("anh.png", PNG)],
        ),
    )
    denunciation = petitions.petition_submit(
        actor=None,
        unit=w.tree.a,
        data=petitions.Submission(
            kind="denunciation", subject="Tố cáo", description="x", sender_name="Hoàng Văn Tố"
        ),
    )
    petitions.petition_accept(actor=w.official, petition=denunciation)
    session = reception.session_create(
        actor=w.official, unit=w.tree.a, date=dt.date.today(), leader="Chủ tịch UBND xã"
    )
    return {"feedback": feedback, "denunciation": denunciation, "session": session}


PAGES = {
    "petitions:submit": lambda w, u: ({}, None),
    "petitions:commune_options": lambda w, u: ({}, None),
    "petitions:track": lambda w, u: ({}, None),
    "petitions:worklist": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "petitions:intake": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "petitions:rollup": lambda w, u: ({"code": w.tree.province.code}, w.tree.province),
    "petitions:schedule": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "petitions:session": lambda w, u: ({"pk": w.session.pk}, w.tree.a),
    "petitions:identity": lambda w, u: ({"pk": w.denunciation.pk}, w.tree.a),
    "petitions:attachment": lambda w, u: (
        {"pk": w.feedback.attachments.order_by("id").first().pk},
        w.tree.a,
    ),
    "petitions:open311_discovery": lambda w, u: ({"fmt": "xml"}, None),
    "petitions:open311_services": lambda w, u: ({"fmt": "json"}, None),
    "petitions:open311_service": lambda w, u: ({"code": "other", "fmt": "xml"}, None),
    "petitions:open311_requests": lambda w, u: ({"fmt": "xml"}, None),
    "petitions:open311_request": lambda w, u: (
        {"code": w.feedback.tracking_code, "fmt": "json"},
        None,
    ),
    "petitions:open311_media": lambda w, u: (
        {"token": open311.media_token(w.feedback.attachments.order_by("id").last())},
        None,
    ),
}
for _name in [
    "detail",
    "receipt",
    "accept",
    "refuse",
    "extend",
    "resolve",
    "transfer",
    "suspend",
    "resume",
]:
    PAGES[f"petitions:{_name}"] = lambda w, u: ({"pk": w.feedback.pk}, w.tree.a)
API = {
    "GET /api/petitions": lambda w: ({"unit": w.tree.a.code}, None, w.tree.a),
    "GET /api/petitions/{petition_id}": lambda w: (
        {"petition_id": w.feedback.pk},
        None,
        w.tree.a,
    ),
}
