"""The follow-ups app's part of the permission test (tests/test_permissions.py): an
example for each of its pages and API operations — the URL's arguments and the unit its
record lives in (None: no record). Follow-ups are raised by other apps: the record is
the commitment made at the dialogue of coso/dialogues/tests/matrix.py (`w.followup`)."""

PAGES = {
    "followups:respond": lambda w, u: ({}, None),
    "followups:worklist": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "followups:evidence": lambda w, u: ({"pk": w.followup.evidence.get().pk}, w.tree.a),
}
for _name in ["detail", "move", "reopen"]:
    PAGES[f"followups:{_name}"] = lambda w, u: ({"pk": w.followup.pk}, w.tree.a)
API = {
    "GET /api/followups": lambda w: ({"unit": w.tree.a.code}, None, w.tree.a),
    "GET /api/followups/{followup_id}": lambda w: (
        {"followup_id": w.followup.pk},
        None,
        w.tree.a,
    ),
    "POST /api/followups/{followup_id}/status": lambda w: (
        {"followup_id": w.followup.pk},
        {"status": "bogus"},
        w.tree.a,
    ),
}
