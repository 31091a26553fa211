"""Encrypted secret ballots (coso/decisions/crypto/): a counting board of 5 with a
threshold of 3, forty ballots added while encrypted, and a record anyone can check.

Small keys (512 bits) keep the suite fast; the scheme does not depend on the size, and
`bench/tally.py` measures 2048-bit keys.
"""

import dataclasses
import inspect
import itertools
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from coso.cli import main as coso
from coso.core.errors import DomainError
from coso.decisions import crypto

MEMBERS, THRESHOLD, BALLOTS = 5, 3, 40
OPTIONS = ("yes", "no", "other")


@pytest.fixture(scope="module", params=[512], ids=lambda bits: f"{bits}-bit")
def made(request: pytest.FixtureRequest) -> crypto.MadeRoundKeys:
    return crypto.round_keys_make(members=MEMBERS, threshold=THRESHOLD, bits=request.param)


@pytest.fixture(scope="module")
def choices() -> list[int]:
    rng = random.Random(17)
    return [rng.randrange(len(OPTIONS)) for _ in range(BALLOTS)]


@pytest.fixture(scope="module")
def ballots(made: crypto.MadeRoundKeys, choices: list[int]) -> list[crypto.Ballot]:
    return [crypto.ballot_encrypt(made.keys.public_key, c, len(OPTIONS)) for c in choices]


@pytest.fixture(scope="module")
def record(made: crypto.MadeRoundKeys, ballots: list[crypto.Ballot]) -> dict[str, Any]:
    public_key = made.keys.public_key
    total = crypto.aggregate(public_key, ballots)
    decryption = crypto.aggregate_decrypt(made.keys, made.shares[:THRESHOLD], total)
    doc = crypto.record_build(public_key, ballots, total, decryption, options=OPTIONS)
    return json.loads(json.dumps(doc))  # as published: plain JSON


def expected(choices: list[int]) -> tuple[int, ...]:
    counts = Counter(choices)
    return tuple(counts[i] for i in range(len(OPTIONS)))


def stored(made: crypto.MadeRoundKeys) -> crypto.RoundKeys:
    """The keys as the server stores them: through JSON, shares not included."""
    return crypto.RoundKeys.from_dict(json.loads(json.dumps(made.keys.to_dict())))


# ------------------------------------------------------------------ the board's key


def test_any_three_of_five_shares_decrypt_the_totals(made, ballots, choices):
    total = crypto.aggregate(made.keys.public_key, ballots)
    for trio in itertools.combinations(made.shares, THRESHOLD):
        assert crypto.aggregate_decrypt(stored(made), trio, total).totals == expected(choices)


def test_two_shares_do_not_decrypt(made, ballots):
    total = crypto.aggregate(made.keys.public_key, ballots)
    with pytest.raises(DomainError, match="ít nhất 3 thành viên"):
        crypto.aggregate_decrypt(stored(made), made.shares[:2], total)


def test_two_shares_and_a_forged_third_do_not_open_the_key(made, ballots):
    # A third share well formed for this round (checksum right) but not the board's.
    forged = crypto.keys._share_text(made.keys.round, 5, bytes(32))
    total = crypto.aggregate(made.keys.public_key, ballots)
    with pytest.raises(DomainError, match="không mở được khoá"):
        crypto.aggregate_decrypt(stored(made), [*made.shares[:2], forged], total)


def test_a_share_from_another_round_is_refused(made, ballots):
    other = crypto.round_keys_make(members=MEMBERS, threshold=THRESHOLD, bits=512)
    total = crypto.aggregate(made.keys.public_key, ballots)
    with pytest.raises(DomainError, match="vòng bỏ phiếu khác"):
        crypto.aggregate_decrypt(stored(made), [*made.shares[:2], other.shares[2]], total)


def test_a_mistyped_share_is_refused_by_its_checksum(made):
    share = made.shares[0]
    digit = share[30]
    mistyped = share[:30] + ("0" if digit != "0" else "1") + share[31:]
    with pytest.raises(DomainError, match="gõ sai"):
        crypto.share_parse(mistyped, round_id=made.keys.round)


def test_a_share_reads_back_with_spaces_and_lower_case(made):
    share = made.shares[3]
    spaced = " ".join(share[i : i + 8] for i in range(0, len(share), 8)).lower()
    assert crypto.share_parse(spaced, round_id=made.keys.round).index == 4


def test_the_same_share_twice_does_not_count_as_two_members(made, ballots):
    total = crypto.aggregate(made.keys.public_key, ballots)
    with pytest.raises(DomainError, match="hai lần"):
        crypto.aggregate_decrypt(stored(made), [made.shares[0], *made.shares[:2]], total)


def test_the_stored_keys_hold_no_private_number(made):
    text = json.dumps(made.keys.to_dict())
    assert "shares" not in text
    for share in made.shares:
        assert share[-40:-9].lower() not in text.lower()


# ---------------------------------------------------------------- ballots and tally


def test_forty_ballots_encrypted_and_tallied_give_the_right_totals(record, choices):
    assert tuple(record["totals"]) == expected(choices)
    assert len(record["ballots"]) == BALLOTS


def test_a_ballot_holds_one_ciphertext_per_option_and_its_hash_as_receipt(made):
    ballot = crypto.ballot_encrypt(made.keys.public_key, 1, len(OPTIONS))
    again = crypto.ballot_encrypt(made.keys.public_key, 1, len(OPTIONS))
    assert len(ballot.ciphertexts) == len(OPTIONS)
    assert len(ballot.receipt) == 64 and ballot.receipt != again.receipt  # fresh randomness


def test_an_aggregate_of_one_ballot_is_refused(made, ballots):
    one = crypto.aggregate(made.keys.public_key, ballots[:1])
    with pytest.raises(DomainError, match="không giải mã từng phiếu"):
        crypto.aggregate_decrypt(stored(made), made.shares, one)


def test_a_forged_aggregate_naming_one_ballot_many_times_is_refused(made, ballots):
    one = crypto.aggregate(made.keys.public_key, ballots[:1])
    forged = dataclasses.replace(one, receipts=one.receipts * 5)
    with pytest.raises(DomainError, match="không giải mã từng phiếu"):
        crypto.aggregate_decrypt(stored(made), made.shares, forged)


def test_a_ballot_added_to_itself_is_refused(made, ballots):
    with pytest.raises(DomainError, match="hai lần"):
        crypto.aggregate(made.keys.public_key, [ballots[0], ballots[0]])


def test_no_public_function_decrypts_a_single_ballot():
    """Only aggregate_decrypt reads the board's shares, and it takes an Aggregate."""
    modules = (crypto.keys, crypto.tally, crypto.record)
    readers = [
        name
        for module in modules
        for name, func in inspect.getmembers(module, inspect.isfunction)
        if func.__module__ == module.__name__
        and not name.startswith("_")
        and "shares" in inspect.signature(func).parameters
    ]
    assert readers == ["aggregate_decrypt"]
    hints = inspect.get_annotations(crypto.aggregate_decrypt, eval_str=True)
    assert hints["total"] is crypto.Aggregate


# ------------------------------------------------------------ the verification record


def test_the_published_record_verifies(record, choices):
    verdict = crypto.verify_record(record)
    assert verdict.ok, verdict.problems
    assert verdict.receipts == [b["receipt"] for b in record["ballots"]]
    assert tuple(verdict.totals) == expected(choices)


def test_the_record_holds_nothing_but_ballots_and_sums(record):
    assert set(record) == {
        "format",
        "round",
        "public_key",
        "options",
        "seats",
        "ballots",
        "aggregate",
        "totals",
        "randomness",
        "groups",
    }
    assert {key for ballot in record["ballots"] for key in ballot} == {
        "receipt",
        "round",
        "ciphertexts",
    }


def altered(record: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(record))


def test_the_record_fails_when_one_ballots_ciphertext_is_altered(made, record):
    doc = altered(record)
    # Swap in a fresh ballot for another choice, its receipt made to match: only the
    # recomputed aggregate can tell.
    first = doc["ballots"][0]
    forged = crypto.ballot_encrypt(made.keys.public_key, 0, len(OPTIONS))
    first["ciphertexts"] = forged.to_dict()["ciphertexts"]
    first["receipt"] = forged.receipt
    verdict = crypto.verify_record(doc)
    assert not verdict.ok
    assert any("Tổng mã hoá không khớp" in p for p in verdict.problems)


def test_the_record_fails_when_a_receipt_no_longer_matches_its_ballot(record):
    doc = altered(record)
    doc["ballots"][3]["ciphertexts"][1] = format(
        int(doc["ballots"][3]["ciphertexts"][1], 16) + 1, "x"
    )
    assert any("Biên nhận" in p for p in crypto.verify_record(doc).problems)


def test_the_record_fails_when_the_aggregate_is_altered(made, record):
    doc = altered(record)
    extra = crypto.ballot_encrypt(made.keys.public_key, 0, len(OPTIONS)).ciphertexts[0]
    n2 = made.keys.public_key.n**2
    doc["aggregate"]["ciphertexts"][0] = format(
        int(doc["aggregate"]["ciphertexts"][0], 16) * extra % n2, "x"
    )
    verdict = crypto.verify_record(doc)
    assert any("Tổng mã hoá không khớp" in p for p in verdict.problems)


def test_the_record_fails_when_a_published_total_is_altered(record):
    doc = altered(record)
    # One vote moved from the first option to the second: the sum still matches the
    # number of ballots, only the randomness check sees it.
    doc["totals"][0] -= 1
    doc["totals"][1] += 1
    verdict = crypto.verify_record(doc)
    assert not verdict.ok
    assert any("lựa chọn thứ 1" in p for p in verdict.problems)
    assert any("lựa chọn thứ 2" in p for p in verdict.problems)


@pytest.fixture(scope="module")
def grouped(made, ballots) -> dict[str, Any]:
    """A round counted village by village: ballots 0–24 in box A, 25–39 in box B, each
    box decrypted apart and published with its own sum."""
    public_key, boxes = made.keys.public_key, ["A"] * 25 + ["B"] * 15
    groups = []
    for box in ("A", "B"):
        inside = [b for b, x in zip(ballots, boxes, strict=True) if x == box]
        total = crypto.aggregate(public_key, inside)
        decryption = crypto.aggregate_decrypt(made.keys, made.shares[:THRESHOLD], total)
        groups.append(crypto.Group(boxes=(box,), total=total, decryption=decryption))
    total = crypto.aggregate(public_key, ballots)
    decryption = crypto.aggregate_decrypt(made.keys, made.shares[:THRESHOLD], total)
    doc = crypto.record_build(
        public_key, ballots, total, decryption, options=OPTIONS, boxes=boxes, groups=groups
    )
    return json.loads(json.dumps(doc))


def test_each_boxs_decryption_is_checked_too(grouped, choices):
    verdict = crypto.verify_record(grouped)
    assert verdict.ok, verdict.problems
    assert [g["totals"] for g in grouped["groups"]] == [
        list(expected(choices[:25])),
        list(expected(choices[25:])),
    ]
    # A vote moved from box A to box B: each sum still adds up to the round's.
    doc = altered(grouped)
    doc["groups"][0]["totals"][0] -= 1
    doc["groups"][1]["totals"][0] += 1
    problems = crypto.verify_record(doc).problems
    assert any("lựa chọn thứ 1" in p and "(A)" in p for p in problems)
    assert any("lựa chọn thứ 1" in p and "(B)" in p for p in problems)
    # A ballot moved to another box: its box's recomputed sum no longer matches.
    doc = altered(grouped)
    doc["ballots"][0]["box"] = "B"
    assert any("Tổng mã hoá không khớp" in p for p in crypto.verify_record(doc).problems)


def test_a_ballot_electing_several_marks_several_options(made):
    """Two seats: a ballot marks one or two candidates; the record checks each total
    against the ballots and the sum of marks against the seats."""
    public_key = made.keys.public_key
    marked = [[0, 1], [1], [0, 2], [2, 1]]
    ballots = [crypto.ballot_encrypt(public_key, m, len(OPTIONS)) for m in marked]
    total = crypto.aggregate(public_key, ballots)
    decryption = crypto.aggregate_decrypt(made.keys, made.shares[:THRESHOLD], total)
    assert decryption.totals == (2, 3, 2)
    doc = crypto.record_build(public_key, ballots, total, decryption, options=OPTIONS, seats=2)
    assert crypto.verify_record(json.loads(json.dumps(doc))).ok
    assert not crypto.verify_record({**json.loads(json.dumps(doc)), "seats": 1}).ok
    with pytest.raises(DomainError):
        crypto.ballot_encrypt(public_key, [], len(OPTIONS))


def test_an_unreadable_record_fails_with_a_message():
    assert not crypto.verify_record({"format": crypto.RECORD_FORMAT}).ok


# ------------------------------------------------------------------- coso verify-round


def write(tmp_path: Path, doc: dict[str, Any]) -> str:
    path = tmp_path / "record.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def test_verify_round_exits_zero_on_a_good_record(record, tmp_path, capsys):
    coso(["verify-round", write(tmp_path, record)])  # no SystemExit: exit code 0
    assert "Hồ sơ hợp lệ: 40 phiếu" in capsys.readouterr().out


def test_verify_round_finds_a_voters_receipt(record, tmp_path, capsys):
    receipt = record["ballots"][7]["receipt"]
    coso(["verify-round", write(tmp_path, record), "--receipt", receipt.upper()])
    assert "Biên nhận có trong danh sách phiếu." in capsys.readouterr().out


def test_verify_round_exits_non_zero_on_a_tampered_record(record, tmp_path, capsys):
    doc = altered(record)
    doc["totals"][0] += 1
    with pytest.raises(SystemExit) as exit_:
        coso(["verify-round", write(tmp_path, doc)])
    assert exit_.value.code == 1
    assert "Hồ sơ KHÔNG hợp lệ" in capsys.readouterr().err


def test_new_rounds_use_2048_bit_keys_unless_the_setting_says_otherwise(settings):
    assert crypto.default_key_bits() == 2048
    settings.COSO_BALLOT_KEY_BITS = 3072
    assert crypto.default_key_bits() == 3072
