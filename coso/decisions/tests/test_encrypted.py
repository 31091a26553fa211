"""A secret round opened encrypted (issue 17, docs/secret-ballot.md): its online votes
are stored only as encrypted ballots, counted from the decrypted aggregate with three
of its five board members' shares, and it publishes a record anyone can verify."""

import json
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.decisions import crypto, services
from coso.decisions.models import (
    BallotBox,
    BoardMember,
    EncryptedBallot,
    HouseholdCode,
    Matter,
    Participation,
    RoundKey,
    Status,
)
from coso.decisions.services.encrypted import (
    board_threshold,
    decryption_groups,
    fingerprint,
    hinging_villages,
)
from coso.decisions.tests.test_secrecy import BOARD, GUESSING, KEYS, _vote_round

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_keys(settings):
    settings.COSO_BALLOT_KEY_BITS = 512


@pytest.fixture
def voted() -> tuple[Matter, dict[int, int]]:
    """60 households: 20 vote online by code, 20 online signed in, 20 on paper."""
    matter, truth, _signed_in = _vote_round(secret=True)
    return matter, truth


def _head(matter: Matter):
    return matter.created_by


def test_opening_makes_the_key_and_shows_each_member_a_share_never_stored(voted):
    matter, _truth = voted
    key = RoundKey.objects.get(matter=matter)
    assert (key.threshold, key.members) == (3, 5)
    assert len(matter.board_shares) == 5
    members = list(BoardMember.objects.filter(matter=matter))
    assert [m.name for m in members] == BOARD
    assert [m.fingerprint for m in members] == [fingerprint(s) for s in matter.board_shares]
    stored = json.dumps(key.keys) + json.dumps(
        list(AuditEntry.objects.values_list("changes", flat=True)), default=str
    )
    for share in matter.board_shares:
        assert share not in stored and share.split("-")[3] not in stored


def test_the_threshold_is_more_than_half_of_the_board():
    assert [board_threshold(n) for n in (3, 4, 5)] == [2, 3, 3]


def test_three_shares_of_five_count_the_round(voted, tmp_path):
    matter, _truth = voted
    shares = matter.board_shares
    services.matter_count_encrypted(actor=_head(matter), matter=matter, shares=shares[0:5:2])
    matter.refresh_from_db()
    assert matter.status == Status.COUNTED
    assert matter.outcome["tally"] == {key: GUESSING for key in KEYS}
    record = RoundKey.objects.get(matter=matter).record
    # The record covers the 20 paper ballots keyed in anonymously as well.
    assert len(record["ballots"]) == 60 and sum(record["totals"]) == 60
    assert crypto.verify_record(record).ok
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    # The command `coso verify-round FILE` runs (call_command: the command line's runner
    # would close the test's database connection on its way out).
    out = StringIO()
    call_command("verify_round", str(path), stdout=out)  # no SystemExit: exit code 0
    assert "Hồ sơ hợp lệ: 60 phiếu" in out.getvalue()
    entries = AuditEntry.objects.filter(model="decisions.roundkey", object_pk=str(matter.pk))
    counted = [e.changes for e in entries if "counted_with_shares_of" in e.changes]
    assert counted == [{"counted_with_shares_of": [None, [1, 3, 5]]}]


def test_two_shares_count_nothing(voted):
    matter, _truth = voted
    with pytest.raises(DomainError) as refused:
        services.matter_count_encrypted(
            actor=_head(matter), matter=matter, shares=matter.board_shares[:2]
        )
    assert "ít nhất 3" in refused.value.message
    matter.refresh_from_db()
    assert matter.status == Status.OPEN and matter.outcome == {}
    assert RoundKey.objects.get(matter=matter).record is None


def test_shares_of_another_round_count_nothing(voted):
    matter, _truth = voted
    other = crypto.round_keys_make(members=5, threshold=3, bits=512)
    with pytest.raises(DomainError):
        services.matter_count_encrypted(actor=_head(matter), matter=matter, shares=other.shares[:3])
    matter.refresh_from_db()
    assert matter.status == Status.OPEN


def test_a_plain_count_is_refused_for_an_encrypted_round(voted):
    matter, _truth = voted
    with pytest.raises(DomainError):
        services.matter_count(actor=_head(matter), matter=matter)


def test_the_database_holds_no_plaintext_online_choice(voted):
    matter, truth = voted
    online = Participation.objects.filter(matter=matter, channel="online").count()
    paper = Participation.objects.filter(matter=matter, channel="paper").count()
    assert (online, paper) == (40, 20)
    assert EncryptedBallot.objects.filter(matter=matter).count() == 60
    # No plaintext count moved: paper ballots are encrypted ballots too.
    assert BallotBox.objects.get(matter=matter).spoiled == 0
    fields = {f.name for f in EncryptedBallot._meta.get_fields()}
    assert fields == {"id", "matter", "cluster", "ciphertexts", "receipt"}
    # No audit row of an online vote says what was chosen.
    options = {str(pk) for pk in truth.values()} | set(KEYS)
    for changes in AuditEntry.objects.filter(model="decisions.ballot").values_list(
        "changes", flat=True
    ):
        if "online" in changes:
            assert changes == {"online": [None, 1]}
            assert not options & set(json.dumps(changes).split('"'))


def test_a_voter_gets_a_receipt_found_on_the_published_record(settings):
    matter, _truth, _signed = _vote_round(secret=True)
    fresh = EncryptedBallot.objects.filter(matter=matter).first()
    assert fresh is not None
    services.matter_count_encrypted(
        actor=_head(matter), matter=matter, shares=matter.board_shares[1:4]
    )
    record = RoundKey.objects.get(matter=matter).record
    assert fresh.receipt in crypto.verify_record(record).receipts


@pytest.mark.parametrize(
    ("sizes", "groups"),
    [
        ({"A": 5, "B": 3}, [["B"], ["A"]]),
        ({"A": 5, "B": 1, "C": 1}, [["A"], ["B", "C"]]),
        # C's one ballot is in the round's total only; B keeps its own verdict.
        ({"A": 5, "B": 3, "C": 1}, [["B"], ["A"]]),
        ({"A": 1}, []),
    ],
)
def test_villages_with_too_few_online_ballots_are_pooled(sizes, groups):
    assert decryption_groups(sizes, 2) == groups


def test_a_pooled_villages_one_ballot_is_decrypted_alone_only_when_it_decides_its_verdict():
    """Approval counts a village's households (more than half): one ballot decides the
    verdict of a village of one household, never of a larger one."""
    matter = SimpleNamespace(
        rules={"approval": {"numerator": 1, "denominator": 2, "strict": True}},
        villages=[
            {"code": "A", "eligible": 1},
            {"code": "B", "eligible": 2},
            {"code": "C", "eligible": 40},
            {"code": "D", "eligible": 40},
        ],
    )
    sizes = {"A": 1, "B": 1, "C": 1, "D": 30}
    assert hinging_villages(matter, sizes, 2) == {"A"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"counting_board": ["Lò Văn An", "Tòng Thị Bình"]}, "counting_board"),
        ({"counting_board": [f"Thành viên {i}" for i in range(6)]}, "counting_board"),
        ({"counting_board": []}, "counting_board"),
        # A meeting names the board of the secret ballot round that follows it if thin.
        ({"method": "meeting", "counting_board": []}, "counting_board"),
    ],
)
def test_a_secret_round_needs_a_legal_counting_board(tree, official_a, changes, field):
    data = {
        "matter_type": "6",
        "title": "Chọn ngày hội bản",
        "method": "ballot",
        "secret": True,
        "counting_board": BOARD,
        **changes,
    }
    with pytest.raises(DomainError) as refused:
        services.matter_create(actor=official_a, unit=tree.village_a, **data)
    assert refused.value.field == field
    assert not Matter.objects.exists()


@pytest.mark.parametrize(
    ("method", "secret", "kind", "encrypted"),
    [
        ("ballot", True, "6", True),
        ("online", True, "6", True),
        ("meeting", False, "4", False),  # its board counts the fallback round's ballots
        ("meeting", True, "6", False),  # hands or slips counted at the meeting
        ("ballot", False, "6", False),
    ],
)
def test_every_secret_household_ballot_round_is_encrypted(
    tree, official_a, method, secret, kind, encrypted
):
    matter = services.matter_create(
        actor=official_a,
        unit=tree.village_a,
        matter_type=kind,
        title="Chọn ngày hội bản",
        method=method,
        secret=secret,
        candidates=["Lò Văn A", "Lò Văn B"],
        counting_board=BOARD,
    )
    assert matter.encrypted == encrypted


def test_the_opening_is_audited_without_any_share(voted):
    matter, _truth = voted
    entry = AuditEntry.objects.filter(model="decisions.roundkey", object_pk=str(matter.pk)).get()
    assert entry.changes["key"][1]["threshold"] == 3
    assert not any(
        share.split("-")[3] in json.dumps(entry.changes) for share in matter.board_shares
    )


def test_a_one_household_village_gets_its_verdict_and_the_record_checks_each_village(
    tree, official_a
):
    """Village by village: a village of one household whose one ballot decides its
    verdict is decrypted alone; so is each village with enough ballots; a larger village
    with a single ballot is not decrypted apart (that ballot cannot make it approve) and
    takes no other village's verdict with it. The record checks every group."""
    from coso.people.tests.factories import make_household
    from coso.units.tests.factories import village

    places = [tree.village_a, *(village(tree.a, f"Thôn {n}") for n in (2, 3, 4))]
    for place, size in zip(places, (1, 5, 5, 6), strict=True):
        for i in range(size):
            make_household(place, f"{place.code}-{i}")
    matter = services.matter_create(
        actor=official_a,
        unit=tree.a,
        matter_type="1",
        title="Góp tiền làm đường",
        method="ballot",
        secret=True,
        counting_board=BOARD[:3],
    )
    services.matter_open(actor=official_a, matter=matter)
    codes = HouseholdCode.objects.filter(matter=matter)
    for place, yes, voted in zip(places, (1, 4, 2, 1), (1, 5, 5, 1), strict=True):
        mine = [c.code for c in codes if c.cluster == place.code][:voted]
        services.stubs_key_in(actor=official_a, matter=matter, codes=mine)
        services.paper_ballots_key_in(
            actor=official_a,
            matter=matter,
            counts={"yes": yes, "no": len(mine) - yes},
            cluster=place.code,
        )
    services.matter_count_encrypted(actor=official_a, matter=matter, shares=matter.board_shares[:2])
    matter.refresh_from_db()
    assert [(v["yes"], v["passed"]) for v in matter.outcome["villages"]] == [
        (1, True),
        (4, True),
        (2, False),
        (0, False),
    ]
    assert matter.outcome["tally"]["yes"] == 8  # the lone ballot is in the total
    record = RoundKey.objects.get(matter=matter).record
    assert sorted(g["boxes"][0] for g in record["groups"]) == sorted(p.code for p in places[:3])
    assert crypto.verify_record(record).ok
