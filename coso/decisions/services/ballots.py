"""Household ballot rounds: one-time codes, paper forms keyed in, online votes — for a
secret round stored only encrypted (services/encrypted.py, docs/secret-ballot.md)."""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.core import audit
from coso.core.codes import normalise, random_code
from coso.core.errors import DomainError
from coso.core.permissions import can
from coso.decisions import catalogue, crypto
from coso.decisions.models import (
    Ballot,
    BallotBox,
    Channel,
    HouseholdCode,
    Mark,
    Matter,
    MatterKind,
    Method,
    OnlineOptIn,
    Option,
    Participation,
    Status,
)
from coso.decisions.services.common import (
    check_editor,
    households_of,
    require_status,
    require_still_open,
)
from coso.decisions.services.encrypted import ballot_seal, ballot_store
from coso.people.selectors import Household
from coso.rules.services import ratio_met

CODE_LENGTH = 8


def _new_code() -> str:
    return random_code(CODE_LENGTH)


def issue_codes(matter: Matter) -> None:
    """One numbered form and one-time code per household of the unit (of the villages
    still to decide, in a village-by-village round, each form marked with its village)."""
    rows = households_called(matter).order_by("id").values_list("id", "village__code")
    by_village = bool(matter.villages)
    HouseholdCode.objects.bulk_create(
        [
            HouseholdCode(
                matter=matter,
                household_id=hid,
                form_number=n,
                code=_new_code(),
                cluster=village if by_village else "",
            )
            for n, (hid, village) in enumerate(rows.iterator(chunk_size=5000), 1)
        ],
        batch_size=2000,
    )


def households_called(matter: Matter) -> Any:
    """The households a household round calls: the unit's, or in a village-by-village
    round those of the villages still to decide."""
    households = households_of(matter.unit)
    if matter.villages:
        households = households.filter(village__code__in=_clusters(matter))
    return households


def _clusters(matter: Matter) -> list[str]:
    """The groups a round counts apart: the villages it calls when decided village by
    village (not those carried from the meeting it follows)."""
    return [v["code"] for v in matter.villages if not v.get("carried")] or [""]


def open_ballot_boxes(matter: Matter) -> None:
    """A secret round's ballot boxes, their spoiled counts at zero: one per village
    called in a village-by-village round, else one."""
    BallotBox.objects.bulk_create([BallotBox(matter=matter, cluster=c) for c in _clusters(matter)])


def online_allowed(matter: Matter, on: dt.date) -> bool:
    """Online only where the law allows it and more than half of all households chose
    it first (GDL art. 17; D59 art. 5)."""
    if "online" not in catalogue.allowed_methods(matter.matter_type, on=on):
        return False
    chosen = OnlineOptIn.objects.filter(household__village__path__startswith=matter.unit.path)
    return ratio_met("vote.online.opt_in", count=chosen.count(), base=matter.eligible or 0, on=on)


def _choices(matter: Matter, keys: Sequence[str], options: dict[str, Option]) -> list[Option]:
    if not keys:
        raise DomainError(_("Hãy chọn ý kiến của hộ trước khi gửi."), field="choice")
    if len(set(keys)) != len(keys) or set(keys) - set(options):
        raise DomainError(_("Lựa chọn không hợp lệ."), field="choice")
    limit = matter.seats if matter.kind == MatterKind.ELECTION else 1
    if len(keys) > limit:
        raise DomainError(_("Chỉ được chọn tối đa %(n)s.") % {"n": limit}, field="choice")
    return [options[k] for k in keys]


def _cast(
    matter: Matter,
    entries: list[tuple[HouseholdCode, list[Option], bool]],
    channel: str,
    sealed: crypto.Ballot | None = None,
) -> str:
    """Record that households took part and add their choices: as ballots for an open
    vote (each under the village its form was issued for in a village-by-village round);
    a secret round's online vote only as its encrypted ballot (`sealed`, encrypted before
    the transaction), whose receipt is returned. A secret round's paper never comes here:
    its stubs and ballots are keyed in apart (services/paper.py)."""
    Participation.objects.bulk_create(
        [
            Participation(
                matter=matter, household_id=code.household_id, channel=channel, cluster=code.cluster
            )
            for code, _o, _s in entries
        ]
    )
    if matter.secret:
        if sealed is None or not matter.encrypted or channel != Channel.ONLINE:
            raise DomainError(_("Vòng bỏ phiếu kín này chưa được mở đúng cách; hãy báo quản trị."))
        ((code, _c, _s),) = entries
        return ballot_store(matter, code, sealed)
    ballots = [
        Ballot(matter=matter, spoiled=spoiled, form_number=code.form_number)
        for code, _o, spoiled in entries
    ]
    Ballot.objects.bulk_create(ballots, batch_size=2000)
    Mark.objects.bulk_create(
        [
            Mark(ballot=b, option=o)
            for b, (_c, chosen, _s) in zip(ballots, entries, strict=True)
            for o in chosen
        ],
        batch_size=5000,
    )
    return ""


def ballots_key_in(
    *,
    actor: Any,
    matter: Matter,
    entries: Sequence[tuple[int, Sequence[str]]],
) -> int:
    """Key in returned paper forms: (form number, chosen option keys); an empty choice
    is a spoiled form. All or nothing; a form keyed twice is refused."""
    check_editor(actor, matter.unit)
    require_status(matter, Status.OPEN)
    if matter.method == Method.MEETING:
        raise DomainError(_("Cuộc họp không có phiếu đánh số theo hộ."))
    if matter.secret:
        # Its forms have a detachable stub: stubs and ballots are keyed in apart
        # (services/paper.py), so no one sees a household next to its choice.
        raise DomainError(
            _("Phiếu mã hoá: hãy nhập cuống phiếu và phiếu riêng, không nhập theo số phiếu.")
        )
    numbers = [number for number, _keys in entries]
    if len(set(numbers)) != len(numbers):
        raise DomainError(_("Một số phiếu được nhập hai lần trong cùng lượt."), field="form_number")
    options = {o.key: o for o in matter.options.all()}
    chosen = {n: (_choices(matter, keys, options) if keys else []) for n, keys in entries}
    with transaction.atomic():
        codes = {
            c.form_number: c
            for c in HouseholdCode.objects.select_for_update().filter(
                matter=matter, form_number__in=numbers, used_at__isnull=True
            )
        }
        missing = sorted(set(numbers) - set(codes))
        if missing:
            raise DomainError(
                _("Phiếu số %(n)s không có hoặc đã được nhập.")
                % {"n": ", ".join(map(str, missing))},
                field="form_number",
            )
        HouseholdCode.objects.filter(matter=matter, form_number__in=numbers).update(
            used_at=timezone.now()
        )
        _cast(matter, [(codes[n], chosen[n], not chosen[n]) for n in numbers], Channel.PAPER)
        audit.log_event(
            actor=actor,
            model="decisions.ballot",
            record=matter,
            changes={"keyed_in": [None, {"forms": {str(n): sorted(k) for n, k in entries}}]},
        )
    return len(numbers)


def code_for_vote(code: str) -> HouseholdCode:
    """The household code a resident typed or scanned, if it can vote online now; else a
    DomainError that says why: unknown, already used, a paper-only round, or a round
    that is no longer open."""
    found = (
        HouseholdCode.objects.select_related("matter").filter(code=normalise(code)).first()
        if code.strip()
        else None
    )
    if found is None:
        raise DomainError(_("Mã không đúng. Hãy kiểm tra lại mã in trên phiếu."), field="code")
    _check_votable(found)
    return found


def _check_votable(found: HouseholdCode) -> None:
    """Refuse a vote on this form: the round is no longer open, takes paper forms only,
    or the form was already used."""
    matter = found.matter
    if matter.status != Status.OPEN:
        raise DomainError(
            _("Việc lấy ý kiến “%(title)s” đã kết thúc; mã này không còn dùng được.")
            % {"title": matter.title},
            field="code",
        )
    if not matter.online_allowed:
        raise DomainError(
            _(
                "Việc lấy ý kiến “%(title)s” chỉ nhận phiếu giấy: hãy đánh dấu vào phiếu và "
                "nộp lại cho trưởng thôn, tổ trưởng."
            )
            % {"title": matter.title},
            field="code",
        )
    if found.used_at is not None:
        raise DomainError(_code_used(), field="code")


def code_of_household(*, household: Household, matter: Matter) -> HouseholdCode:
    """The form a signed-in household votes with, claimed for it by the server: its own
    code in `matter`, if the household chose online voting (D59 art. 5) and the form
    can still be used; else a DomainError that says why."""
    found = (
        HouseholdCode.objects.select_related("matter")
        .filter(matter=matter, household=household)
        .first()
    )
    if found is None:
        raise DomainError(_("Hộ không có phiếu trong việc lấy ý kiến này."), field="choice")
    if not OnlineOptIn.objects.filter(household=household).exists():
        raise DomainError(
            _(
                "Hộ chưa chọn bỏ phiếu trực tuyến: hãy chọn trên trang của hộ, hoặc nhập mã "
                "trên phiếu của hộ."
            ),
            field="choice",
        )
    if found.used_at is not None:
        raise DomainError(_voted_already(), field="choice")
    _check_votable(found)
    return found


def _code_used() -> str:
    return _("Mã này đã được dùng: mỗi hộ chỉ biểu quyết một lần.")


def _voted_already() -> str:
    return _("Hộ đã biểu quyết việc này: mỗi hộ chỉ biểu quyết một lần.")


def vote_online(*, code: str, choice: Sequence[str]) -> Matter:
    """A household votes with its one-time code. The code works once, only for its own
    matter, and only while that matter is open to online votes."""
    return _vote(code_for_vote(code), choice, already=_code_used)


def vote_signed_in(*, household: Household, matter: Matter, choice: Sequence[str]) -> Matter:
    """A signed-in household that chose online voting votes without typing its code:
    the server claims the household's own unused code and the vote goes down exactly
    the path of a typed code (`_vote`), so a secret round keeps nothing more than it
    keeps for a typed code (docs/secret-ballot.md). A second vote is refused."""
    return _vote(
        code_of_household(household=household, matter=matter), choice, already=_voted_already
    )


def _vote(found: HouseholdCode, choice: Sequence[str], *, already: Callable[[], str]) -> Matter:
    """Use the form once — a conditional UPDATE, in the transaction that counts the
    vote, so two votes at once cannot both use it — and count the choice."""
    matter = found.matter
    options = _choices(matter, choice, {o.key: o for o in matter.options.all()})
    sealed = ballot_seal(matter, options) if matter.encrypted else None
    with transaction.atomic():
        used = HouseholdCode.objects.filter(pk=found.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if used != 1:
            raise DomainError(already(), field="code")
        # An encrypted round's receipt rides on the returned instance, for the voter.
        matter.receipt = _cast(matter, [(found, options, False)], Channel.ONLINE, sealed)
        require_still_open(matter, field="code")
        # Which household voted is in its code and participation already; the log
        # says only that an online vote arrived, never whose or what.
        audit.log_event(
            actor=None,
            model="decisions.ballot",
            record=matter,
            changes={"online": [None, 1]},
        )
    return matter


def code_sheet_view(*, actor: Any, matter: Matter) -> list[dict[str, Any]]:
    """The round's forms with their one-time codes, for the organiser to print. Whoever
    holds a code can vote in the household's place, so every opening is audited."""
    from coso.decisions.selectors import code_sheet

    audit.log_event(
        actor=actor,
        model="decisions.householdcode",
        record=matter,
        changes={"viewed": True},
    )
    return code_sheet(matter=matter, names=can(actor, "personal.read", path=matter.unit.path))


def online_opt_in(*, household: Household, chosen: bool = True) -> None:
    """A household representative chooses online voting for their village (or takes the
    choice back)."""
    if not chosen:
        OnlineOptIn.objects.filter(household=household).delete()
        return
    OnlineOptIn.objects.get_or_create(
        household=household, defaults={"unit_id": household.village_id}
    )
