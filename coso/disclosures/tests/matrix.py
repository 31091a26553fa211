"""The disclosures app's part of the permission test (tests/test_permissions.py): a
disclosure of commune A with a file, and an example for each of its pages and API
operations — the URL's arguments and the unit its record lives in (None: no record)."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from coso.disclosures.services import DisclosureData, disclosure_publish

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def records(w: Any) -> dict[str, Any]:
    disclosure = disclosure_publish(
        actor=w.official,
        unit=w.tree.a,
        data=DisclosureData(
            category="1",
            title="Kế hoạch năm",
            channels=["notice_board"],
            files=[SimpleUploadedFile("kh.pdf", PDF)],
        ),
    )
    return {"disclosure": disclosure}


PAGES = {
    "disclosures:public_list": lambda w, u: ({"code": w.tree.a.code}, None),
    "disclosures:feed": lambda w, u: ({"code": w.tree.a.code}, None),
    "disclosures:public_detail": lambda w, u: ({"series": w.disclosure.series}, None),
    "disclosures:notice": lambda w, u: ({"series": w.disclosure.series}, None),
    "disclosures:attachment": lambda w, u: ({"pk": w.disclosure.attachments.get().pk}, None),
    "disclosures:official_list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "disclosures:publish": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "disclosures:compliance": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "disclosures:amend": lambda w, u: ({"pk": w.disclosure.pk}, w.tree.a),
    "disclosures:take_down": lambda w, u: ({"pk": w.disclosure.pk}, w.tree.a),
}
API = {
    "GET /api/disclosures": lambda w: ({"unit": w.tree.a.code}, None, None),
    "GET /api/disclosures/{series}": lambda w: ({"series": w.disclosure.series}, None, None),
    "POST /api/disclosures": lambda w: (
        {},
        {"unit": w.tree.a.code, "category": "99", "title": "x", "channels": ["notice_board"]},
        w.tree.a,
    ),
    "POST /api/disclosures/{series}/take-down": lambda w: (
        {"series": w.disclosure.series},
        {"reason": ""},
        w.tree.a,
    ),
}
