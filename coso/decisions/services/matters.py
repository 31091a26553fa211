"""A matter's round from draft to published: create, open (freezing the rules, the
eligible count and, for a commune-wide contribution, the villages), count by the frozen
rules (`counting`; a secret round's totals decrypted by `encrypted`), publish, void.
Each owns its transaction and writes its audit entry."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.decisions import catalogue, crypto
from coso.decisions.models import (
    Board,
    Electorate,
    Matter,
    MatterKind,
    Method,
    Option,
    RoundKey,
    Status,
)
from coso.decisions.services.ballots import issue_codes, online_allowed, open_ballot_boxes
from coso.decisions.services.common import (
    check_editor,
    households_of,
    require_status,
    set_status,
)
from coso.decisions.services.counting import Decrypted, compute_outcome
from coso.decisions.services.encrypted import (
    board_create,
    board_names,
    decrypted_totals,
    round_keys_open,
)
from coso.decisions.services.notices import households_tell_opened
from coso.decisions.services.paper import check_paper_matches
from coso.people.services import province_id_of
from coso.units.selectors import Unit


def _options(kind: str, candidates: Sequence[str]) -> list[tuple[str, str]]:
    if kind == MatterKind.ELECTION:
        names = [" ".join(c.split()) for c in candidates if c.strip()]
        if not names:
            raise DomainError(_("Hãy nhập danh sách người ứng cử."), field="candidates")
        for name in names:
            check_lengths(Option, label=name)
        return [(f"c{i}", name) for i, name in enumerate(names, 1)]
    # D59 art. 5: agree, disagree, other opinion.
    return [("yes", _("Đồng ý")), ("no", _("Không đồng ý")), ("other", _("Ý kiến khác"))]


def matter_create(
    *,
    actor: Any,
    unit: Unit,
    matter_type: str,
    title: str,
    proposal: str = "",
    method: str = Method.MEETING,
    secret: bool = False,
    seats: int = 1,
    candidates: Sequence[str] = (),
    staff_count: int | None = None,
    board: str = "",
    counting_board: Sequence[str] = (),
) -> Matter:
    """A draft matter with its options; the law's forms and kinds are checked here. A
    secret household-ballot round is encrypted, counted by its `counting_board`
    (docs/secret-ballot.md); a household meeting names the board too when the ballot
    round that follows it, should it be too thin, would be secret."""
    check_editor(actor, unit)
    _check_form(unit, matter_type, board, title, proposal, method)
    kind = MatterKind.ELECTION if matter_type in catalogue.ELECTION_TYPES else MatterKind.PROPOSAL
    voters = matter_type == catalogue.CONFERENCE_TYPE
    _check_numbers(voters, staff_count, seats)
    options = _options(kind, candidates)
    secret = _secret(kind, method, secret)
    households = not voters
    encrypted = households and secret and method != Method.MEETING
    names = _counting_names(kind, households, secret, counting_board)
    with transaction.atomic():
        matter = Matter.objects.create(
            unit=unit,
            province_id=province_id_of(unit),
            matter_type=matter_type,
            kind=kind,
            electorate=Electorate.VOTERS if voters else Electorate.HOUSEHOLDS,
            method=method,
            secret=secret,
            seats=seats,
            board=board,
            title=title.strip(),
            proposal=proposal.strip(),
            eligible=staff_count if voters else None,
            encrypted=encrypted,
            created_by=audit.acting_user(actor),
        )
        _options_and_board(matter, options, names)
        audit.log_create(actor=actor, obj=matter, unit_id=unit.pk)
    return matter


def _check_form(
    unit: Unit, matter_type: str, board: str, title: str, proposal: str, method: str
) -> None:
    """The board named (if any) fits the type, the type applies to the unit, the matter
    has a title, and the law lets this type be decided by `method`."""
    _check_board(matter_type, board)
    if matter_type not in dict(catalogue.matter_types(unit.kind)):
        raise DomainError(_("Loại nội dung không áp dụng cho đơn vị này."), field="matter_type")
    if not title.strip():
        raise DomainError(_("Tiêu đề không được để trống."), field="title")
    check_lengths(Matter, title=title, proposal=proposal)
    if not catalogue.allowed_methods(matter_type).get(method):
        raise DomainError(
            _(
                "Nội dung này không được quyết định bằng hình thức đã chọn "
                "(Luật Thực hiện dân chủ ở cơ sở, điều 17)."
            ),
            field="method",
        )


def _check_numbers(voters: bool, staff_count: int | None, seats: int) -> None:
    """A conference of voters gives its headcount; an election fills at least one seat."""
    if voters and not staff_count:
        raise DomainError(_("Hãy nhập tổng số người của cơ quan, đơn vị."), field="staff_count")
    if seats < 1:
        raise DomainError(_("Số người cần bầu phải từ 1 trở lên."), field="seats")


def _counting_names(
    kind: str, households: bool, secret: bool, counting_board: Sequence[str]
) -> list[str]:
    """The counting board of a household round that is, or whose follow-up ballot round
    would be, secret; none otherwise."""
    if households and _secret(kind, Method.BALLOT, secret):
        return board_names(counting_board)
    return []


def _options_and_board(matter: Matter, options: list[tuple[str, str]], names: list[str]) -> None:
    Option.objects.bulk_create(
        [
            Option(matter=matter, key=k, label=label, position=i)
            for i, (k, label) in enumerate(options)
        ]
    )
    if names:
        board_create(matter, names)


def _check_board(matter_type: str, board: str) -> None:
    """An election of board members says which board it fills; nothing else names one."""
    if matter_type == catalogue.BOARD_TYPE and board not in Board.values:
        raise DomainError(
            _("Hãy chọn bầu thành viên Ban Thanh tra nhân dân hay Ban giám sát đầu tư."),
            field="board",
        )
    if matter_type != catalogue.BOARD_TYPE and board:
        raise DomainError(_("Chỉ cuộc bầu thành viên các ban mới chọn ban."), field="board")


def _secret(kind: str, method: str, requested: bool) -> bool:
    """Elections on paper forms are always secret; other votes when asked."""
    return requested or (kind == MatterKind.ELECTION and method != Method.MEETING)


def matter_open(*, actor: Any, matter: Matter, on: dt.date | None = None) -> Matter:
    """Open the round: freeze the eligible count and the rules in force; for household
    ballots, issue one numbered form and code per household; tell each household called
    that has a phone (`households_tell_opened`, in this transaction). An encrypted round
    makes its key here: its board's shares are set on `matter.board_shares`, to be shown
    once and never stored."""
    check_editor(actor, matter.unit)
    day = on or timezone.localdate()
    with transaction.atomic():
        frozen = catalogue.freeze(
            matter_type=matter.matter_type,
            method=matter.method,
            unit_kind=matter.unit.kind,
            on=day,
            secret=matter.secret,
        )
        roll = _roll(matter) if "villages" in frozen else []
        if matter.electorate == Electorate.VOTERS:
            eligible = matter.eligible
        elif roll:  # the households called in this round: those of villages still open
            eligible = sum(v["eligible"] for v in roll if not v.get("carried"))
        else:
            eligible = households_of(matter.unit).count()
        if not eligible:
            raise DomainError(_("Đơn vị chưa có hộ gia đình nào trong danh sách."), field="unit")
        set_status(
            matter,
            Status.DRAFT,
            Status.OPEN,
            actor=actor,
            opened_on=day,
            eligible=eligible,
            rules=frozen,
            clustered=eligible >= rules.value("vote.meeting.cluster_households", on=day),
            villages=roll,
            extra={"rules": [None, {k: v["code"] for k, v in frozen.items()}]},
        )
        if matter.method != Method.MEETING and matter.electorate == Electorate.HOUSEHOLDS:
            issue_codes(matter)
            if matter.encrypted:
                open_ballot_boxes(matter)
                matter.board_shares = round_keys_open(matter, actor=actor)
            allowed = online_allowed(matter, day)
            Matter.objects.filter(pk=matter.pk).update(online_allowed=allowed)
            matter.online_allowed = allowed
        households_tell_opened(matter)
    return matter


def _roll(matter: Matter) -> list[dict[str, Any]]:
    """The villages a village-by-village round counts. A ballot round that follows such
    a meeting carries the verdict of every village the meeting decided, and calls only
    the households of the villages whose meeting was too thin (GDL art. 19(1)(b))."""
    roll = village_roll(matter.unit)
    earlier = matter.fallback_of.outcome.get("villages", []) if matter.fallback_of else []
    decided = {v["code"]: v for v in earlier if not v.get("open")}
    kept = ("code", "name", "eligible", "present", "yes", "pct", "passed")
    return [
        {**{k: decided[v["code"]][k] for k in kept}, "carried": True} if v["code"] in decided else v
        for v in roll
    ]


def village_roll(unit: Unit) -> list[dict[str, Any]]:
    """The commune's villages that hold households, each with its household count, in
    one aggregate query: the roll a village-by-village round is counted against."""
    rows = (
        households_of(unit)
        .values("village__code", "village__name")
        .annotate(n=Count("id"))
        .order_by("village__code")
    )
    return [
        {"code": r["village__code"], "name": r["village__name"], "eligible": r["n"]} for r in rows
    ]


def matter_count(
    *,
    actor: Any,
    matter: Matter,
    on: dt.date | None = None,
    counting_board: Sequence[str] = (),
) -> Matter:
    """Close the round and compute its outcome by the frozen rules. A meeting too thin
    to reach the threshold starts the household-ballot round the law names; a meeting
    opened before every secret round had a board names it here (`counting_board`)."""
    check_editor(actor, matter.unit)
    require_status(matter, Status.OPEN)
    if matter.encrypted:
        raise DomainError(
            _("Vòng bỏ phiếu mã hoá được kiểm bằng mảnh khoá của tổ kiểm phiếu."), field="shares"
        )
    names = board_names(counting_board) if board_needed(matter) else []
    with transaction.atomic():
        if names:
            board_create(matter, names)
        close_with_outcome(actor=actor, matter=matter, day=on or timezone.localdate())
    return matter


def matter_count_encrypted(
    *, actor: Any, matter: Matter, shares: Sequence[str], on: dt.date | None = None
) -> Matter:
    """Count a secret round: decrypt the aggregate of its ballots, online and paper
    alike (once every ballot box's ballots match its stubs), with at least the threshold
    of the board's shares (the key lives in this call only), compute the outcome by the
    frozen rules and publish the verification record. Too few or wrong shares: nothing
    is counted. The round is locked while its ballots are read, decrypted and closed: a
    vote or stub that came first is counted, one that comes after waits and is refused
    (`require_still_open`)."""
    check_editor(actor, matter.unit)
    require_status(matter, Status.OPEN)
    if not matter.encrypted:
        raise DomainError(_("Vòng bỏ phiếu này không mã hoá phiếu."))
    given = [s for s in shares if s.strip()]
    threshold = matter.round_key.threshold
    if len(given) < threshold:
        raise DomainError(
            _("Cần mảnh khoá của ít nhất %(need)s thành viên tổ kiểm phiếu; mới có %(have)s.")
            % {"need": threshold, "have": len(given)},
            field="shares",
        )
    with transaction.atomic():
        require_status(
            Matter.objects.select_for_update().only("status").get(pk=matter.pk), Status.OPEN
        )
        check_paper_matches(matter)
        decrypted, record = decrypted_totals(matter, given)
        RoundKey.objects.filter(matter=matter).update(record=record)
        indices = sorted(crypto.share_parse(s).index for s in given)
        audit.log_event(
            actor=actor,
            model="decisions.roundkey",
            record=matter,
            changes={"counted_with_shares_of": [None, indices]},
        )
        close_with_outcome(
            actor=actor, matter=matter, day=on or timezone.localdate(), decrypted=decrypted
        )
    return matter


def board_needed(matter: Matter) -> bool:
    """A household meeting whose ballot round, should it be too thin, would be secret,
    and which names no counting board yet (opened before every secret round had one)."""
    return (
        matter.method == Method.MEETING
        and matter.electorate == Electorate.HOUSEHOLDS
        and _secret(matter.kind, Method.BALLOT, matter.secret)
        and not matter.board_members.exists()
    )


def close_with_outcome(
    *, actor: Any, matter: Matter, day: dt.date, decrypted: Decrypted | None = None
) -> None:
    """In the caller's transaction: compute the outcome (with a secret round's
    decrypted totals), close the round, and start the fallback round the law names when
    a meeting was too thin: a secret one's board shares ride on
    `matter.fallback_shares`, to show once."""
    result = compute_outcome(matter, decrypted)
    due = rules.due_date("vote.result.report_days", day)
    set_status(
        matter,
        Status.OPEN,
        Status.COUNTED,
        actor=actor,
        counted_on=day,
        outcome=result.as_json(),
        report_due=due,
    )
    if result.fallback_needed:
        matter.fallback_shares = _start_fallback(actor, matter, day).board_shares


def _start_fallback(actor: Any, matter: Matter, day: dt.date) -> Matter:
    """The household-ballot round that follows a thin meeting, opened at once; a secret
    one is encrypted and counted by the board the meeting named."""
    secret = _secret(matter.kind, Method.BALLOT, matter.secret)
    fallback = Matter.objects.create(
        unit=matter.unit,
        province_id=matter.province_id,
        matter_type=matter.matter_type,
        kind=matter.kind,
        electorate=matter.electorate,
        method=Method.BALLOT,
        secret=secret,
        encrypted=secret and matter.electorate == Electorate.HOUSEHOLDS,
        seats=matter.seats,
        board=matter.board,
        title=matter.title,
        proposal=matter.proposal,
        fallback_of=matter,
        created_by=audit.acting_user(actor),
    )
    Option.objects.bulk_create(
        [
            Option(matter=fallback, key=o.key, label=o.label, position=o.position)
            for o in matter.options.all()
        ]
    )
    if fallback.encrypted:
        board_create(fallback, [m.name for m in matter.board_members.all()])
    audit.log_create(actor=actor, obj=fallback, unit_id=matter.unit_id)
    return matter_open(actor=actor, matter=fallback, on=day)


def matter_publish(
    *,
    actor: Any,
    matter: Matter,
    chair: str = "",
    secretary: str = "",
    starts_at: dt.time | None = None,
    venue: str = "",
) -> Matter:
    """Make the counted result public, with the meeting's record for its minutes (when
    it began, where, chair and secretary); from now on only recorded corrections change
    it."""
    check_editor(actor, matter.unit)
    check_lengths(Matter, chair=chair, secretary=secretary, venue=venue)
    with transaction.atomic():
        set_status(
            matter,
            Status.COUNTED,
            Status.PUBLISHED,
            actor=actor,
            published_on=timezone.localdate(),
            chair=chair.strip(),
            secretary=secretary.strip(),
            starts_at=starts_at,
            venue=venue.strip(),
        )
    return matter


def matter_void(*, actor: Any, matter: Matter, reason: str) -> Matter:
    check_editor(actor, matter.unit)
    if not reason.strip():
        raise DomainError(_("Hủy phải ghi rõ lý do."), field="reason")
    check_lengths(Matter, void_reason=reason)
    with transaction.atomic():
        old = matter.status
        if old in (Status.PUBLISHED, Status.VOID):
            raise DomainError(_("Kết quả đã công bố chỉ được sửa bằng biên bản đính chính."))
        set_status(matter, old, Status.VOID, actor=actor, void_reason=reason.strip())
    return matter
