"""Paper ballots of an encrypted round (issue 17, point 2, docs/secret-ballot.md): the
stub's code marks participation, the ballot carries no code, and the counting board
keys ballots in as anonymous encrypted ballots counted in the encrypted aggregate."""

import json
import random

import pytest
from django.db import connection
from django.urls import reverse

from coso.accounts.models import User
from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.decisions import crypto, services
from coso.decisions.models import (
    BallotBox,
    EncryptedBallot,
    HouseholdCode,
    Matter,
    Participation,
    RoundKey,
    Status,
)
from coso.decisions.services.paper import paper_counter
from coso.decisions.tests.factories import secret_round
from coso.decisions.tests.test_secrecy import KEYS

pytestmark = pytest.mark.django_db

ONLINE = 32
PAPER = 32
SPOILED = 2


@pytest.fixture(autouse=True)
def small_keys(settings):
    settings.COSO_BALLOT_KEY_BITS = 512


def _round(households: int = ONLINE + PAPER) -> tuple[Matter, User, list[HouseholdCode]]:
    return secret_round(households=households)


@pytest.fixture
def voted() -> tuple[Matter, User, dict[str, int]]:
    """32 households vote online; 32 paper forms come back: their stubs are keyed in,
    then their ballots — half as counts per option, half one by one, 2 blank."""
    matter, head, codes = _round()
    rng = random.Random(20261206)
    expected = dict.fromkeys(KEYS, 0)
    for code in codes[:ONLINE]:
        key = rng.choice(KEYS)
        expected[key] += 1
        services.vote_online(code=code.code, choice=[key])
    services.stubs_key_in(actor=head, matter=matter, codes=[c.code for c in codes[ONLINE:]])
    paper = [rng.choice(KEYS) for _ in range(PAPER - SPOILED)] + [""] * SPOILED
    rng.shuffle(paper)
    for key in paper:
        if key:
            expected[key] += 1
    counts, spoiled = paper_counter(paper[: PAPER // 2])
    services.paper_ballots_key_in(actor=head, matter=matter, counts=counts, spoiled=spoiled)
    for key in paper[PAPER // 2 :]:
        counts, spoiled = paper_counter([key])
        services.paper_ballots_key_in(actor=head, matter=matter, counts=counts, spoiled=spoiled)
    return matter, head, expected


def test_online_and_paper_ballots_counted_with_three_of_five_shares(voted):
    matter, head, expected = voted
    services.matter_count_encrypted(actor=head, matter=matter, shares=matter.board_shares[1:4])
    matter.refresh_from_db()
    assert matter.status == Status.COUNTED
    assert matter.outcome["tally"] == expected
    assert sum(expected.values()) == ONLINE + PAPER - SPOILED
    # The spoiled ballots carry no choice: the plaintext spoiled count only.
    assert services.tally_counts(matter) == dict.fromkeys(KEYS, 0)
    record = RoundKey.objects.get(matter=matter).record
    assert len(record["ballots"]) == ONLINE + PAPER - SPOILED
    assert dict(zip(KEYS, record["totals"], strict=True)) == expected
    assert crypto.verify_record(record).ok


def test_no_row_ties_a_paper_choice_to_a_household(voted):
    matter, _head, _expected = voted
    # No plaintext count but the box's spoiled ballots.
    assert list(BallotBox.objects.filter(matter=matter).values_list("spoiled", flat=True)) == [
        SPOILED
    ]
    # Every table that names a household (or its code or form) names no option, and the
    # table of ballots names neither a household nor a form.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if not table.startswith("decisions_"):
                continue
            columns = {
                c.name for c in connection.introspection.get_table_description(cursor, table)
            }
            if columns & {"household_id", "form_number", "code"}:
                assert not any("option" in c or "choice" in c for c in columns), table
    fields = {f.name for f in EncryptedBallot._meta.get_fields()}
    assert fields == {"id", "matter", "cluster", "ciphertexts", "receipt"}
    # The audit log says which stubs came back and how many ballots, never what they said.
    for changes in AuditEntry.objects.filter(object_pk=str(matter.pk)).values_list(
        "changes", flat=True
    ):
        text = json.dumps(changes)
        if "stubs" in changes or "paper_ballots" in changes:
            assert not any(f'"{key}"' in text for key in KEYS), text


def test_more_ballots_than_stubs_are_refused():
    matter, head, codes = _round(households=6)
    services.stubs_key_in(actor=head, matter=matter, codes=[c.code for c in codes[:2]])
    services.paper_ballots_key_in(actor=head, matter=matter, counts={"yes": 1})
    with pytest.raises(DomainError) as refused:
        services.paper_ballots_key_in(actor=head, matter=matter, counts={"no": 1}, spoiled=1)
    assert "vượt quá số cuống phiếu" in refused.value.message
    assert EncryptedBallot.objects.filter(matter=matter).count() == 1
    assert BallotBox.objects.get(matter=matter).spoiled == 0


def test_a_stub_already_used_online_is_refused_by_its_code():
    matter, head, codes = _round(households=6)
    services.vote_online(code=codes[0].code, choice=["yes"])
    with pytest.raises(DomainError) as refused:
        services.stubs_key_in(actor=head, matter=matter, codes=[codes[1].code, codes[0].code])
    assert codes[0].code in refused.value.message and codes[1].code not in refused.value.message
    # All or nothing: the other stub of the batch was not marked either.
    assert Participation.objects.filter(matter=matter, channel="paper").count() == 0
    assert HouseholdCode.objects.filter(matter=matter, used_at__isnull=False).count() == 1
    # Once a stub is keyed, its code cannot vote online.
    services.stubs_key_in(actor=head, matter=matter, codes=[codes[1].code])
    with pytest.raises(DomainError):
        services.vote_online(code=codes[1].code, choice=["no"])


def test_counting_waits_until_ballots_match_stubs():
    matter, head, codes = _round(households=6)
    for code in codes[:2]:
        services.vote_online(code=code.code, choice=["yes"])
    services.stubs_key_in(actor=head, matter=matter, codes=[c.code for c in codes[2:5]])
    services.paper_ballots_key_in(actor=head, matter=matter, counts={"no": 2})
    with pytest.raises(DomainError) as refused:
        services.matter_count_encrypted(actor=head, matter=matter, shares=matter.board_shares[:3])
    assert "3 cuống, 2 phiếu" in refused.value.message
    matter.refresh_from_db()
    assert matter.status == Status.OPEN
    services.paper_ballots_key_in(actor=head, matter=matter, counts={}, spoiled=1)
    services.matter_count_encrypted(actor=head, matter=matter, shares=matter.board_shares[:3])
    matter.refresh_from_db()
    assert matter.outcome["tally"] == {"yes": 2, "no": 2, "other": 0}


def test_a_paper_form_with_its_code_is_not_keyed_in_for_an_encrypted_round():
    matter, head, codes = _round(households=3)
    with pytest.raises(DomainError):
        services.ballots_key_in(actor=head, matter=matter, entries=[(1, ["yes"])])
    assert not Participation.objects.filter(matter=matter).exists()


def test_a_village_by_village_round_counts_each_box_under_its_village():
    from coso.decisions.tests.test_secrecy import GUESSING, _vote_round

    matter, _truth, _signed_in = _vote_round(secret=True, by_village=True)
    head = matter.created_by
    boxes = {v["code"] for v in matter.villages}
    assert set(EncryptedBallot.objects.filter(matter=matter).values_list("cluster", flat=True)) == (
        boxes
    )
    # A box's ballots cannot exceed its own stubs, whatever the other boxes received.
    with pytest.raises(DomainError):
        services.paper_ballots_key_in(
            actor=head, matter=matter, counts={"yes": 1}, cluster=sorted(boxes)[0]
        )
    services.matter_count_encrypted(actor=head, matter=matter, shares=matter.board_shares[2:])
    matter.refresh_from_db()
    assert matter.outcome["tally"] == dict.fromkeys(KEYS, GUESSING)
    assert not BallotBox.objects.filter(matter=matter, spoiled__gt=0).exists()


def test_the_boxes_progress_is_three_queries_however_many_ballots(voted, django_assert_num_queries):
    from coso.decisions import selectors

    matter, _head, _expected = voted
    with django_assert_num_queries(3):
        progress = selectors.paper_progress(matter=matter)
    assert progress == {"": {"stubs": PAPER, "ballots": PAPER}}


def _scanned(code: str, fragment: bool = True) -> str:
    """What a handheld scanner types for a stub's QR code (see `views.code_sheet`)."""
    return (
        f"https://coso.example.vn{reverse('decisions:vote')}{'#' if fragment else '?'}code={code}"
    )


def test_stubs_scanned_from_their_qr_codes_are_keyed_in_by_their_code():
    matter, head, codes = _round(4)
    lines = [_scanned(codes[0].code), "", f"  {_scanned(codes[1].code, fragment=False)}  "]
    lines += [codes[2].code.lower(), f"{codes[3].code[:4]}-{codes[3].code[4:]}"]
    assert services.stubs_key_in(actor=head, matter=matter, codes=lines) == 4
    assert Participation.objects.filter(matter=matter, channel="paper").count() == 4
    assert not HouseholdCode.objects.filter(matter=matter, used_at__isnull=True).exists()


@pytest.mark.parametrize(
    "bad",
    [
        "https://coso.example.vn/vote/",  # a URL with no code
        "https://coso.example.vn/vote/#ma=ABCDEFGH",
        "coso.example.vn/vote/#code=ABCDEFGH",  # not a full URL
        "ABCD/EFGH",
        "https://coso.example.vn/vote/#code=AB%3CCD",
    ],
)
def test_a_line_that_holds_no_code_is_refused_by_its_number(bad):
    matter, head, codes = _round(2)
    lines = [_scanned(codes[0].code), "", bad, codes[1].code]
    with pytest.raises(DomainError) as refused:
        services.stubs_key_in(actor=head, matter=matter, codes=lines)
    assert refused.value.message.startswith(f"Dòng 3 (“{bad}”) không phải mã trên cuống phiếu")
    # All or nothing: the good lines were not keyed in either.
    assert not Participation.objects.filter(matter=matter).exists()


def test_the_stubs_form_takes_scanned_lines_and_names_a_bad_one(client):
    matter, head, codes = _round(3)
    client.force_login(head)
    url = reverse("decisions:key_in", args=[matter.pk])
    scanned = "\r\n".join(_scanned(c.code) for c in codes[:2])
    response = client.post(url, {"part": "stubs", "codes": f"{scanned}\r\nxin chào"}, follow=True)
    assert "Dòng 3 (“xin chào”) không phải mã trên cuống phiếu" in response.content.decode()
    assert not Participation.objects.filter(matter=matter).exists()
    response = client.post(url, {"part": "stubs", "codes": scanned}, follow=True)
    assert "Đã nhận 2 cuống phiếu." in response.content.decode()
    assert Participation.objects.filter(matter=matter).count() == 2
