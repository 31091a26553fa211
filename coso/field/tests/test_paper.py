"""A secret round's paper keyed in from the phone at the ballot box: its stubs, then
apart its ballots, each entry run once through decisions' paper key-in with its
checks; a refusal writes nothing and answers the service's message; the phone caches
the round's options and boxes, never a household or a code."""

import itertools
import json
import uuid

import pytest

from coso.decisions.models import BallotBox, EncryptedBallot, HouseholdCode, Participation
from coso.decisions.tests.factories import secret_round
from coso.field import selectors, services
from coso.field.models import FieldEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_keys(settings):
    settings.COSO_BALLOT_KEY_BITS = 512


def stubs(matter, codes, entry_id=None):
    data = {"matter": matter.pk, "part": "stubs", "codes": [c.code for c in codes]}
    return {"id": entry_id or str(uuid.uuid4()), "kind": "paper", "data": data}


def ballots(matter, counts, spoiled=0, entry_id=None):
    data = {"matter": matter.pk, "part": "ballots", "counts": counts, "spoiled": spoiled}
    return {"id": entry_id or str(uuid.uuid4()), "kind": "paper", "data": data}


def keyed(matter):
    return (
        Participation.objects.filter(matter=matter).count(),
        EncryptedBallot.objects.filter(matter=matter).count(),
        sum(BallotBox.objects.filter(matter=matter).values_list("spoiled", flat=True)),
        HouseholdCode.objects.filter(matter=matter, used_at__isnull=False).count(),
    )


def test_every_ordering_of_a_duplicated_batch_keys_each_entry_in_once():
    matter, head, codes = secret_round(households=14)
    # Two stubs ahead, so that a box's ballots may come before its stubs in a queue.
    services.entries_sync(actor=head, entries=[stubs(matter, codes[:2])])
    orderings = sorted(set(itertools.permutations([0, 0, 1, 1])))
    for n, order in enumerate(orderings):
        made = [
            stubs(
                matter, codes[2 + 2 * n : 4 + 2 * n], str(uuid.uuid5(uuid.NAMESPACE_OID, f"s{n}"))
            ),
            ballots(matter, {"yes": 1}, 1, str(uuid.uuid5(uuid.NAMESPACE_OID, f"b{n}"))),
        ]
        batch = [made[i] for i in order]
        once = services.entries_sync(actor=head, entries=batch)
        assert services.entries_sync(actor=head, entries=batch) == once
        assert [a["status"] for a in once] == ["ok"] * 4, once
        assert {a["id"]: a for a in once}.keys() == {e["id"] for e in made}
        # Two stubs and two ballots (one of them spoiled) more for each ordering.
        assert keyed(matter) == (4 + 2 * n, n + 1, n + 1, 4 + 2 * n)
    assert len(orderings) == 6 and FieldEntry.objects.count() == 13


def test_a_refused_batch_writes_nothing_and_answers_the_services_message():
    matter, head, codes = secret_round(households=4)
    # More ballots than stubs received: the service's own refusal.
    too_many = ballots(matter, {"yes": 3})
    [over] = services.entries_sync(actor=head, entries=[too_many])
    assert over["status"] == "conflict"
    assert over["message"].startswith("Số phiếu nhập (3) vượt quá số cuống phiếu đã nhận (0)")
    # A stub keyed twice in one batch, and a code already used online: refused by name.
    [twice] = services.entries_sync(actor=head, entries=[stubs(matter, [codes[0], codes[0]])])
    assert twice["message"] == "Một số cuống phiếu được nhập hai lần trong cùng lượt."
    [ok] = services.entries_sync(actor=head, entries=[stubs(matter, codes[:1])])
    [used] = services.entries_sync(actor=head, entries=[stubs(matter, codes[:2])])
    assert ok["status"] == "ok" and used["status"] == "conflict"
    assert (
        used["message"] == f"Mã {codes[0].code} đã được dùng (trực tuyến hoặc cuống phiếu đã nhập)."
    )
    assert keyed(matter) == (1, 0, 0, 1)
    # Sent again once the stubs are in: the first answer, nothing run.
    assert services.entries_sync(actor=head, entries=[too_many]) == [over]
    assert keyed(matter) == (1, 0, 0, 1)


def test_another_units_round_is_not_found_and_roles_without_the_right_are_refused(
    village_head, official_a, front_officer, inspection_member
):
    matter, _head, codes = secret_round(households=2)
    for someone in (village_head, official_a):
        [answer] = services.entries_sync(actor=someone, entries=[stubs(matter, codes)])
        assert answer["status"] == "conflict"
        assert answer["message"] == "Không tìm thấy nội dung này ở đơn vị của bạn."
    for reader in (front_officer, inspection_member):
        # They may use the field page, but key in no ballot (decisions.write).
        [answer] = services.entries_sync(actor=reader, entries=[ballots(matter, {"yes": 1})])
        assert answer["status"] == "conflict" and "Không tìm thấy" in answer["message"]
    assert keyed(matter) == (0, 0, 0, 0)


def test_malformed_paper_entries_are_refused():
    matter, head, codes = secret_round(households=2)
    bad = [
        {**stubs(matter, codes), "data": {"matter": matter.pk, "part": "both"}},
        {**stubs(matter, codes), "data": {"matter": matter.pk, "part": "stubs", "codes": "x"}},
        {**ballots(matter, {}), "data": {"matter": matter.pk, "part": "ballots", "counts": []}},
        ballots(matter, {"yes": -1}),
    ]
    answers = services.entries_sync(actor=head, entries=bad)
    assert [a["status"] for a in answers] == ["error"] * 4
    assert keyed(matter) == (0, 0, 0, 0)


def test_the_phone_caches_the_rounds_options_and_boxes_never_a_code(village_head):
    matter, head, codes = secret_round(households=3)
    [cached] = selectors.field_data(user=head)["papers"]
    assert cached == {
        "id": matter.pk,
        "title": matter.title,
        "unit": matter.unit.name,
        "options": [{"key": o.key, "label": o.label} for o in matter.options.all()],
        "boxes": [],
        "seats": 0,
    }
    # Nothing of the households, nor of their codes, in what the phone keeps.
    kept = json.dumps(selectors.field_data(user=head), ensure_ascii=False)
    assert not any(c.code in kept or c.household.code in kept for c in codes)
    assert selectors.field_data(user=village_head)["papers"] == []
