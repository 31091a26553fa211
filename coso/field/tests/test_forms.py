"""A household-ballot round's numbered paper forms keyed in from the phone, a batch in
one entry, run once through decisions' key-in with its checks: all the batch or none;
a refusal writes nothing and answers the service's message; the phone caches the
round's options, never a household or a code."""

import itertools
import json
import uuid

import pytest

from coso.decisions import services as decisions
from coso.decisions.models import Ballot, HouseholdCode, Mark, Participation
from coso.decisions.tests.factories import ballot_round
from coso.field import selectors, services
from coso.field.models import FieldEntry

pytestmark = pytest.mark.django_db


def batch(matter, forms, entry_id=None, **extra):
    """An entry as the field page makes it: forms as (number, [option keys])."""
    rows = [{"number": n, "choice": list(keys)} for n, keys in forms]
    data = {"matter": matter.pk, "part": "forms", "forms": rows, **extra}
    return {"id": entry_id or str(uuid.uuid4()), "kind": "paper", "data": data}


def keyed(matter):
    return (
        Participation.objects.filter(matter=matter).count(),
        Ballot.objects.filter(matter=matter).count(),
        Ballot.objects.filter(matter=matter, spoiled=True).count(),
        Mark.objects.filter(ballot__matter=matter).count(),
        HouseholdCode.objects.filter(matter=matter, used_at__isnull=False).count(),
    )


def test_every_ordering_of_a_duplicated_batch_keys_each_form_in_once():
    matter, head, _codes = ballot_round(households=12)
    orderings = sorted(set(itertools.permutations([0, 0, 1, 1])))
    for n, order in enumerate(orderings):
        made = [
            batch(matter, [(1 + 2 * n, ["yes"])], str(uuid.uuid5(uuid.NAMESPACE_OID, f"a{n}"))),
            batch(matter, [(2 + 2 * n, [])], str(uuid.uuid5(uuid.NAMESPACE_OID, f"b{n}"))),
        ]
        sent = [made[i] for i in order]
        once = services.entries_sync(actor=head, entries=sent)
        assert services.entries_sync(actor=head, entries=sent) == once
        assert [a["status"] for a in once] == ["ok"] * 4, once
        assert {a["id"]: a for a in once}.keys() == {e["id"] for e in made}
        # Two forms more for each ordering, one of them spoiled (no mark).
        assert keyed(matter) == (2 * n + 2, 2 * n + 2, n + 1, n + 1, 2 * n + 2)
    assert len(orderings) == 6 and FieldEntry.objects.count() == 12
    counts = decisions.tally_counts(matter)
    assert counts["yes"] == sum(counts.values()) == 6


def test_a_refused_batch_writes_nothing_and_answers_the_services_message():
    matter, head, _codes = ballot_round(households=4)
    [ok] = services.entries_sync(actor=head, entries=[batch(matter, [(1, ["yes"])])])
    assert ok == {**ok, "status": "ok", "message": "Đã nhập 1 phiếu giấy: Chọn ngày hội bản."}
    # A form already keyed in (online, or by another phone): the whole batch refused.
    again = batch(matter, [(2, ["no"]), (1, ["no"]), (3, [])])
    [used] = services.entries_sync(actor=head, entries=[again])
    assert used["status"] == "conflict"
    assert used["message"] == "Phiếu số 1 không có hoặc đã được nhập."
    # A form twice in one batch, a number not issued, a choice not offered, two choices.
    refused = {
        "Một số phiếu được nhập hai lần trong cùng lượt.": [(2, ["yes"]), (2, ["no"])],
        "Phiếu số 99 không có hoặc đã được nhập.": [(2, ["yes"]), (99, ["yes"])],
        "Lựa chọn không hợp lệ.": [(2, ["maybe"])],
        "Chỉ được chọn tối đa 1.": [(2, ["yes", "no"])],
    }
    for message, forms in refused.items():
        [answer] = services.entries_sync(actor=head, entries=[batch(matter, forms)])
        assert (answer["status"], answer["message"]) == ("conflict", message)
    assert keyed(matter) == (1, 1, 0, 1, 1)
    # The round counted meanwhile: refused by the service, nothing written.
    decisions.matter_count(actor=head, matter=matter)
    [late] = services.entries_sync(actor=head, entries=[batch(matter, [(2, ["no"])])])
    assert late["status"] == "conflict" and late["message"]
    assert keyed(matter) == (1, 1, 0, 1, 1)
    # Sent again: the first answer, nothing run.
    assert services.entries_sync(actor=head, entries=[again]) == [used]


def test_a_secret_rounds_paper_is_not_keyed_in_by_form_number():
    matter, head, codes = ballot_round(households=2, secret=True)
    [answer] = services.entries_sync(actor=head, entries=[batch(matter, [(1, ["yes"])])])
    assert answer["status"] == "conflict" and "cuống phiếu" in answer["message"]
    # Its paper is keyed in apart (stubs, ballots), so the phone offers no forms for it.
    assert selectors.field_data(user=head)["forms"] == []
    assert not Participation.objects.filter(matter=matter).exists()


def test_another_units_round_is_not_found_and_roles_without_the_right_are_refused(
    village_head, official_a, front_officer, inspection_member
):
    matter, _head, _codes = ballot_round(households=2)
    for someone in (village_head, official_a, front_officer, inspection_member):
        [answer] = services.entries_sync(actor=someone, entries=[batch(matter, [(1, ["yes"])])])
        assert answer["status"] == "conflict"
        assert answer["message"] == "Không tìm thấy nội dung này ở đơn vị của bạn."
    assert keyed(matter) == (0, 0, 0, 0, 0)


def test_malformed_form_batches_are_refused():
    matter, head, _codes = ballot_round(households=2)
    good = batch(matter, [(1, ["yes"])])
    bad = [
        batch(matter, []),
        {**good, "data": {**good["data"], "forms": "1,yes"}},
        {**good, "data": {**good["data"], "forms": [[1, ["yes"]]]}},
        {**good, "data": {**good["data"], "forms": [{"number": "1", "choice": ["yes"]}]}},
        {**good, "data": {**good["data"], "forms": [{"number": -1, "choice": ["yes"]}]}},
        {**good, "data": {**good["data"], "forms": [{"number": 1, "choice": "yes"}]}},
        {**good, "data": {**good["data"], "forms": [{"number": 1, "choice": [1]}]}},
        {**good, "data": {**good["data"], "forms": [{"number": 1}]}},
    ]
    answers = services.entries_sync(
        actor=head, entries=[{**b, "id": str(uuid.uuid4())} for b in bad]
    )
    assert [a["status"] for a in answers] == ["error"] * len(bad)
    assert keyed(matter) == (0, 0, 0, 0, 0)


def test_the_phone_caches_the_rounds_options_never_a_household_or_code(village_head):
    matter, head, codes = ballot_round(households=3)
    [cached] = selectors.field_data(user=head)["forms"]
    assert cached == {
        "id": matter.pk,
        "title": matter.title,
        "unit": matter.unit.name,
        "options": [{"key": o.key, "label": o.label} for o in matter.options.all()],
        "most": 1,
    }
    assert selectors.field_data(user=head)["papers"] == []
    kept = json.dumps(selectors.field_data(user=head), ensure_ascii=False)
    assert not any(c.code in kept or c.household.code in kept for c in codes)
    assert selectors.field_data(user=village_head)["forms"] == []
