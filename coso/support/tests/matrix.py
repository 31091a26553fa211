"""The support app's part of the permission test (tests/test_permissions.py): commune
A's programme, posted with its list, and a resident's objection; and an example for each
of its pages and API operations — the URL's arguments and the unit its record lives in
(None: no record)."""

import datetime as dt
from typing import Any

from coso.people.tests.factories import adult, make_household
from coso.support import services as support


def records(w: Any) -> dict[str, Any]:
    programme = support.programme_create(
        actor=w.official,
        unit=w.tree.a,
        data=support.ProgrammeData(
            name="Quà Tết",
            kind="gift",
            source="Quỹ",
            value_per_household=500000,
            handed_on=dt.date.today(),
        ),
    )
    # A posted beneficiary list names the heads of household by law (GDL art. 11(7)):
    # a household of its own, whose name the personal-data crawl does not look for.
    make_household(w.tree.village_a, "A-2", members=[adult("Vàng A Súa")])
    support.recipients_add(
        actor=w.official, programme=programme, village=w.tree.village_a, codes=["A-2"]
    )
    support.programme_post(actor=w.official, programme=programme)
    objection = support.objection_submit(
        programme=programme, text="x", raiser_name="Nguyễn Thị Gửi", raiser_contact="0912000111"
    )
    return {"programme": programme, "objection": objection}


PAGES = {
    "support:public_list": lambda w, u: ({"code": w.tree.a.code}, None),
    "support:public_detail": lambda w, u: ({"pk": w.programme.pk}, None),
    "support:list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "support:new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "support:detail": lambda w, u: ({"pk": w.programme.pk}, w.tree.a),
    "support:add": lambda w, u: ({"pk": w.programme.pk}, w.tree.a),
    "support:post": lambda w, u: ({"pk": w.programme.pk}, w.tree.a),
    "support:answer": lambda w, u: ({"pk": w.objection.pk}, w.tree.a),
}
API = {
    "GET /api/support": lambda w: ({"unit": w.tree.a.code}, None, None),
    "GET /api/support/{programme_id}": lambda w: ({"programme_id": w.programme.pk}, None, None),
}
