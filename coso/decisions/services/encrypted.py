"""Encrypted secret rounds (docs/secret-ballot.md, issue 17): the counting board and its
key when the round opens, online ballots stored only encrypted, and the decryption of
their aggregate from a quorum of the board's shares with the round's public
verification record (the count that closes the round is `matters.matter_count_encrypted`).

Paper ballots are keyed in by the counting board as anonymous encrypted ballots, their
stubs apart (`services/paper.py`): the round's totals are the decrypted aggregate of
online and paper ballots alike; only spoiled paper ballots are counted in plaintext.
"""

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit
from coso.core.errors import DomainError
from coso.decisions import crypto
from coso.decisions.crypto.keys import _private_key
from coso.decisions.models import (
    BoardMember,
    EncryptedBallot,
    HouseholdCode,
    Matter,
    MatterKind,
    Option,
    RoundKey,
)
from coso.decisions.outcome import meets
from coso.decisions.services.common import check_editor
from coso.rules.services import ratio_met


def board_threshold(members: int, *, on: dt.date | None = None) -> int:
    """How many of `members` must bring their shares: the fewest that reach the rule
    `vote.secret.threshold` (more than half: 2 of 3, 3 of 4, 3 of 5)."""
    ratio = rules.value("vote.secret.threshold", on=on)
    for needed in range(1, members + 1):
        if ratio_met("vote.secret.threshold", count=needed, base=members, on=on):
            return max(needed, 2)
    raise DomainError(_("Quy định về ngưỡng mảnh khoá không hợp lệ: %(r)s") % {"r": ratio})


def board_names(names: Sequence[str]) -> list[str]:
    """The counting board as typed (one name a line), checked against its legal size
    (D59 art. 3: 3 to 5 members)."""
    cleaned = [" ".join(n.split()) for n in names if n.strip()]
    size = rules.value("vote.meeting.counting_board")
    if not size["min"] <= len(cleaned) <= size["max"]:
        raise DomainError(
            _("Tổ kiểm phiếu có từ %(min)s đến %(max)s thành viên (Nghị định 59/2023, điều 3).")
            % size,
            field="counting_board",
        )
    if any(len(n) > 150 for n in cleaned):
        raise DomainError(_("Họ tên quá dài."), field="counting_board")
    return cleaned


def board_create(matter: Matter, names: Sequence[str]) -> None:
    """The board's members, in the caller's transaction (shares come at opening)."""
    BoardMember.objects.bulk_create(
        [BoardMember(matter=matter, name=name, index=i) for i, name in enumerate(names, 1)]
    )


def fingerprint(share: str) -> str:
    """SHA-256 of a share's canonical text: enough to recognise it, useless to open."""
    return hashlib.sha256("".join(share.split()).upper().encode()).hexdigest()


def round_keys_open(matter: Matter, *, actor: Any) -> list[str]:
    """Make the round's key in the opening transaction: store the public key and the
    sealed private key, each member's share fingerprint, and return the shares to show
    once. The shares are never stored nor audited."""
    members = list(BoardMember.objects.filter(matter=matter))
    if not members:
        raise DomainError(_("Vòng bỏ phiếu mã hoá chưa có tổ kiểm phiếu."), field="counting_board")
    threshold = board_threshold(len(members), on=matter.opened_on)
    made = crypto.round_keys_make(
        members=len(members), threshold=threshold, bits=crypto.default_key_bits()
    )
    RoundKey.objects.create(
        matter=matter, keys=made.keys.to_dict(), threshold=threshold, members=len(members)
    )
    for member, share in zip(members, made.shares, strict=True):
        member.fingerprint = fingerprint(share)
    BoardMember.objects.bulk_update(members, ["fingerprint"])
    # The opening's own audit row is `set_status`'s; this one names the key, not a share.
    audit.log_event(
        actor=actor,
        model="decisions.roundkey",
        record=matter,
        changes={
            "key": [
                None,
                {"round": made.keys.round, "threshold": threshold, "members": len(members)},
            ]
        },
    )
    return made.shares


def board_member_confirm(*, actor: Any, matter: Matter, index: int) -> BoardMember:
    """A board member says they saved their share (downloaded or printed)."""
    check_editor(actor, matter.unit)
    with transaction.atomic():
        member = BoardMember.objects.select_for_update().filter(matter=matter, index=index).first()
        if member is None or not member.fingerprint:
            raise DomainError(_("Không có thành viên này trong tổ kiểm phiếu."))
        if member.confirmed_at is None:
            member.confirmed_at = timezone.now()
            member.save(update_fields=["confirmed_at"])
            audit.log_event(
                actor=actor,
                model="decisions.boardmember",
                record=matter,
                changes={"share_saved": [None, member.index]},
            )
    return member


def ballot_seal(matter: Matter, chosen: Sequence[Option]) -> crypto.Ballot:
    """Encrypt one online choice (the candidates marked, on an election ballot with
    several seats) in memory, before the vote's transaction: the encryption's CPU time
    (about 28 ms with 2048-bit keys, bench/tally.py) holds no lock. The choice is never
    written or logged."""
    options = list(matter.options.all())
    key = crypto.RoundKeys.from_dict(matter.round_key.keys).public_key
    return crypto.ballot_encrypt(key, [options.index(o) for o in chosen], len(options))


def ballot_store(matter: Matter, code: HouseholdCode, ballot: crypto.Ballot) -> str:
    """Store only the ciphertexts, under a random id with no household and no time, in
    the caller's transaction (the one that marks the code used). Returns the receipt."""
    EncryptedBallot.objects.create(
        matter=matter,
        cluster=code.cluster,
        ciphertexts=ballot.to_dict()["ciphertexts"],
        receipt=ballot.receipt,
    )
    return ballot.receipt


# ----------------------------------------------------------------------------- count


def _ballots(matter: Matter, keys: crypto.RoundKeys) -> list[tuple[str, crypto.Ballot]]:
    """The round's ballots with their ballot box, in receipt order (no other order
    is kept)."""
    rows = EncryptedBallot.objects.filter(matter=matter).order_by("receipt")
    return [
        (cluster, crypto.Ballot.from_dict({"round": keys.round, "ciphertexts": ciphertexts}))
        for cluster, ciphertexts in rows.values_list("cluster", "ciphertexts")
    ]


def decryption_groups(sizes: dict[str, int], minimum: int) -> list[list[str]]:
    """Which villages' ballots are decrypted together. A village with at least
    `minimum` ballots is decrypted alone: its verdict needs its own totals. The others
    are pooled into one group, decrypted only if the pool reaches the minimum; their
    verdicts do not need their ballots (see `hinging_villages`), and their ballots are
    in the round's total either way. No village decrypted alone is ever pooled: its
    verdict would be lost."""
    alone = sorted((c for c, n in sizes.items() if n >= minimum), key=lambda c: (sizes[c], c))
    pooled = sorted(c for c, n in sizes.items() if 0 < n < minimum)
    enough = sum(sizes[c] for c in pooled) >= minimum
    return [[c] for c in alone] + ([pooled] if pooled and enough else [])


def hinging_villages(matter: Matter, sizes: dict[str, int], minimum: int) -> set[str]:
    """Villages with too few ballots to decrypt apart whose verdict still depends on
    them: with every one of its ballots agreeing the village would approve, with none it
    would not (only a village of one or two households can be so). The law publishes
    each village's verdict (GDL art. 21(1)), which then tells those ballots anyway, so
    they alone are decrypted apart; every other small village's verdict is known without
    its ballots: not approved."""
    approval = matter.rules["approval"]
    eligible = {v["code"]: v["eligible"] for v in matter.villages}
    return {
        c
        for c, n in sizes.items()
        if 0 < n < minimum and meets(n, eligible[c], approval) != meets(0, eligible[c], approval)
    }


def _decrypt_groups(
    matter: Matter,
    keys: crypto.RoundKeys,
    shares: Sequence[str],
    ballots: list[tuple[str, crypto.Ballot]],
) -> list[crypto.Group]:
    sizes = dict(Counter(cluster for cluster, _b in ballots))
    hinging = hinging_villages(matter, sizes, keys.min_ballots)
    rest = {c: n for c, n in sizes.items() if c not in hinging}
    groups = [[c] for c in sorted(hinging)] + decryption_groups(rest, keys.min_ballots)
    decrypted = []
    for group in groups:
        total = crypto.aggregate(keys.public_key, [b for c, b in ballots if c in group])
        decryption = crypto.aggregate_decrypt(keys, shares, total, sole_verdict=group[0] in hinging)
        decrypted.append(crypto.Group(boxes=tuple(group), total=total, decryption=decryption))
    return decrypted


def decrypted_totals(
    matter: Matter, shares: Sequence[str]
) -> tuple[dict[str, dict[str, int]], dict[str, Any] | None]:
    """Decrypt the round's aggregate(s) with the shares: {cluster: {key: n}} (the
    villages decrypted apart, and "" for the whole round or the pooled villages) and
    the verification record (None when no ballot came in). Refused, with nothing
    decrypted, for too few or wrong shares."""
    keys = crypto.RoundKeys.from_dict(matter.round_key.keys)
    options = list(matter.options.all())
    ballots = _ballots(matter, keys)
    if not ballots:
        _private_key(keys, shares)  # wrong shares are refused even with nothing to decrypt
        return {}, None
    if len(ballots) < keys.min_ballots:
        raise DomainError(
            _("Chỉ có một lá phiếu: giải mã nó là lộ lá phiếu ấy, nên không kiểm được.")
        )
    whole = crypto.aggregate(keys.public_key, [b for _c, b in ballots])
    decryption = crypto.aggregate_decrypt(keys, shares, whole)
    groups = _decrypt_groups(matter, keys, shares, ballots) if matter.villages else []
    # Each village decrypted alone under its code; "" holds the rest of the round (the
    # whole round, or the villages too small to decrypt apart): in the total only.
    totals = {g.boxes[0]: g.decryption.totals for g in groups if len(g.boxes) == 1}
    totals[""] = tuple(
        n - sum(t[i] for t in totals.values()) for i, n in enumerate(decryption.totals)
    )
    decrypted = {c: dict(zip([o.key for o in options], t, strict=True)) for c, t in totals.items()}
    record = crypto.record_build(
        keys.public_key,
        [b for _c, b in ballots],
        whole,
        decryption,
        options=[o.label for o in options],
        seats=matter.seats if matter.kind == MatterKind.ELECTION else 1,
        boxes=[c for c, _b in ballots] if matter.villages else (),
        groups=groups,
    )
    return decrypted, record
