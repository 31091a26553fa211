"""Paper ballots of an encrypted secret round (issue 17, docs/secret-ballot.md): the
printed form has a detachable stub with the household's code and a ballot with no code.
The counting board keys in the stubs (participation, no choice) and, separately, the
ballots themselves as anonymous encrypted ballots — nothing ties a paper choice to a
household, not even for the official keying it in."""

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit
from coso.core.codes import code_in
from coso.core.errors import DomainError
from coso.decisions import crypto
from coso.decisions.models import (
    BallotBox,
    Channel,
    EncryptedBallot,
    HouseholdCode,
    Matter,
    MatterKind,
    Participation,
    Status,
)
from coso.decisions.selectors import paper_progress
from coso.decisions.services.common import check_editor, require_status, require_still_open

_shuffle = random.SystemRandom().shuffle


def _check_encrypted(actor: Any, matter: Matter) -> None:
    check_editor(actor, matter.unit)
    require_status(matter, Status.OPEN)
    if not matter.encrypted:
        raise DomainError(_("Vòng bỏ phiếu này không mã hoá phiếu."))


def _stub_code(number: int, line: str) -> str:
    """The code on the `number`th line keyed in: typed, or the URL scanned from the
    stub's QR code; refused with the line named when it is neither."""
    code = code_in(line)
    if not code:
        shown = line.strip() if len(line.strip()) <= 60 else line.strip()[:60] + "…"
        raise DomainError(
            _(
                "Dòng %(n)s (“%(line)s”) không phải mã trên cuống phiếu, cũng không phải "
                "đường dẫn trong mã QR của cuống phiếu."
            )
            % {"n": number, "line": shown},
            field="codes",
        )
    return code


def stubs_key_in(*, actor: Any, matter: Matter, codes: Sequence[str]) -> int:
    """Key in the stubs collected at the ballot box: each stub's code is used exactly
    as an online vote would use it (a conditional UPDATE), and its household marked as
    having taken part on paper — with no choice. `codes` are the lines keyed in, each a
    code or the URL a handheld scanner reads off the stub's QR code (blank lines are
    skipped). All or nothing; a code unknown or already used (online, or a stub keyed
    before) is refused by name, a line that holds no code by its number."""
    _check_encrypted(actor, matter)
    wanted = [_stub_code(n, line) for n, line in enumerate(codes, 1) if line.strip()]
    if not wanted:
        raise DomainError(_("Hãy nhập mã trên cuống phiếu."), field="codes")
    if len(set(wanted)) != len(wanted):
        raise DomainError(_("Một số cuống phiếu được nhập hai lần trong cùng lượt."), field="codes")
    with transaction.atomic():
        found = _stub_codes_use(matter, wanted)
        Participation.objects.bulk_create(
            [
                Participation(
                    matter=matter,
                    household_id=c.household_id,
                    channel=Channel.PAPER,
                    cluster=c.cluster,
                )
                for c in found.values()
            ]
        )
        require_still_open(matter, field="codes")
        audit.log_event(
            actor=actor,
            model="decisions.participation",
            record=matter,
            changes={"stubs": [None, sorted(c.form_number for c in found.values())]},
        )
    return len(wanted)


def _stub_codes_use(matter: Matter, wanted: list[str]) -> dict[str, HouseholdCode]:
    """Mark the stubs' codes used, in the caller's transaction, each by a conditional
    UPDATE as an online vote would; refuse, naming them, codes not of this round or
    already used (the caller's transaction then rolls back)."""
    found = {
        c.code: c
        for c in HouseholdCode.objects.select_for_update().filter(matter=matter, code__in=wanted)
    }
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise DomainError(
            _("Mã %(codes)s không thuộc vòng bỏ phiếu này.") % {"codes": ", ".join(unknown)},
            field="codes",
        )
    used = HouseholdCode.objects.filter(
        pk__in=[c.pk for c in found.values()], used_at__isnull=True
    ).update(used_at=timezone.now())
    if used != len(wanted):
        # Roll back: name the codes that were already used before this batch.
        taken = [c for c in wanted if found[c].used_at is not None]
        raise DomainError(
            _("Mã %(codes)s đã được dùng (trực tuyến hoặc cuống phiếu đã nhập).")
            % {"codes": ", ".join(taken)},
            field="codes",
        )
    return found


def paper_ballots_key_in(
    *,
    actor: Any,
    matter: Matter,
    counts: Mapping[str, int],
    spoiled: int = 0,
    cluster: str = "",
    valid: int | None = None,
) -> int:
    """Key in paper ballots (no code on them) from the ballot box of `cluster` (the
    village, in a round counted village by village): `counts` per option key (one
    ballot at a time is a count of 1), `spoiled` blank or invalid ones and, on an
    election ballot with several seats, how many `valid` ballots carried those marks.
    Each valid ballot is encrypted in memory and stored as an anonymous encrypted
    ballot, in random order, exactly like an online one; spoiled ones only add to the
    box's spoiled count. The ballots of a box may not exceed its stubs."""
    _check_encrypted(actor, matter)
    options = list(matter.options.all())
    keys = [o.key for o in options]
    _check_box(matter, keys, counts, spoiled, cluster)
    marked = _ballots_marked(
        matter, [keys.index(k) for k, n in counts.items() for _i in range(n)], valid
    )
    total = len(marked) + spoiled
    if total == 0:
        raise DomainError(_("Hãy nhập số phiếu."), field="counts")
    public = crypto.RoundKeys.from_dict(matter.round_key.keys).public_key
    encrypted = [crypto.ballot_encrypt(public, m, len(options)) for m in marked]
    with transaction.atomic():
        _check_room(matter, cluster, total)
        _ballots_store(matter, cluster, encrypted, spoiled)
        # How many ballots came in, never which option they chose.
        audit.log_event(
            actor=actor,
            model="decisions.ballot",
            record=matter,
            changes={"paper_ballots": [None, {"cluster": cluster, "n": total}]},
        )
    return total


def _check_box(
    matter: Matter, keys: list[str], counts: Mapping[str, int], spoiled: int, cluster: str
) -> None:
    """Counts only for the round's options, none negative, from one of its boxes: a
    village still to decide in a round counted village by village, or the one box."""
    if set(counts) - set(keys) or any(n < 0 for n in counts.values()) or spoiled < 0:
        raise DomainError(_("Số phiếu không hợp lệ."), field="counts")
    clusters = [v["code"] for v in matter.villages if not v.get("carried")] or [""]
    if cluster not in clusters:
        raise DomainError(_("Hãy chọn thôn, tổ dân phố của hòm phiếu."), field="cluster")


def _check_room(matter: Matter, cluster: str, total: int) -> None:
    """In the caller's transaction: the round still open, and the box's ballots keyed in,
    these included, no more than its stubs."""
    # Serialise keying in for the round: the check below reads what is keyed so far.
    Matter.objects.select_for_update().filter(pk=matter.pk).first()
    require_still_open(matter, field="counts")
    before = paper_progress(matter=matter).get(cluster, {"stubs": 0, "ballots": 0})
    if before["ballots"] + total > before["stubs"]:
        raise DomainError(
            _(
                "Số phiếu nhập (%(keyed)s) vượt quá số cuống phiếu đã nhận (%(stubs)s) "
                "của hòm phiếu này: hãy nhập cuống phiếu trước, hoặc kiểm lại số phiếu."
            )
            % {"keyed": before["ballots"] + total, "stubs": before["stubs"]},
            field="counts",
        )


def _ballots_store(
    matter: Matter, cluster: str, encrypted: Sequence[crypto.Ballot], spoiled: int
) -> None:
    """The valid ballots as anonymous encrypted ballots; the spoiled ones only add to
    the box's count."""
    EncryptedBallot.objects.bulk_create(
        [
            EncryptedBallot(
                matter=matter,
                cluster=cluster,
                ciphertexts=b.to_dict()["ciphertexts"],
                receipt=b.receipt,
            )
            for b in encrypted
        ]
    )
    if spoiled:
        BallotBox.objects.filter(matter=matter, cluster=cluster).update(
            spoiled=F("spoiled") + spoiled
        )


def _ballots_marked(matter: Matter, marks: list[int], valid: int | None) -> list[list[int]]:
    """The valid ballots, each as the options it marks, in random order. One choice a
    ballot: a ballot per mark. Several seats: the box's marks dealt over its `valid`
    ballots in turn — no ballot marks a candidate twice or more than the seats, and the
    sums are the box's — since the counting board keys in a box's tally, not each
    ballot's marks."""
    seats = matter.seats if matter.kind == MatterKind.ELECTION else 1
    if seats == 1:
        marked = [[m] for m in marks]
    else:
        valid = valid or 0
        most = max(Counter(marks).values(), default=0)
        if valid < 0 or not most <= valid <= len(marks) <= seats * valid:
            raise DomainError(
                _(
                    "Số phiếu hợp lệ (%(valid)s) không khớp số người được bầu: mỗi phiếu bầu "
                    "ít nhất 1 và nhiều nhất %(seats)s người, mỗi người nhiều nhất một lần."
                )
                % {"valid": valid, "seats": seats},
                field="valid",
            )
        marked = [marks[i::valid] for i in range(valid)]
    _shuffle(marked)
    return marked


def check_paper_matches(matter: Matter) -> None:
    """Refuse to count while, in any ballot box, the ballots keyed in and the stubs
    marked disagree."""
    off = {c: r for c, r in paper_progress(matter=matter).items() if r["stubs"] != r["ballots"]}
    if off:
        names = {v["code"]: v.get("name", v["code"]) for v in matter.villages}
        detail = "; ".join(
            _("%(box)s: %(stubs)s cuống, %(ballots)s phiếu")
            % {"box": names.get(c, c) or _("hòm phiếu"), **r}
            for c, r in sorted(off.items())
        )
        raise DomainError(
            _(
                "Số phiếu giấy đã nhập chưa khớp số cuống phiếu (%(detail)s): hãy nhập đủ "
                "trước khi kiểm phiếu."
            )
            % {"detail": detail}
        )


def paper_counter(choices: Sequence[str]) -> tuple[dict[str, int], int]:
    """Ballots keyed one by one (option key, "" for spoiled) as counts and spoiled."""
    counted = Counter(choices)
    spoiled = counted.pop("", 0)
    return dict(counted), spoiled
