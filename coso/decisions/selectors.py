"""Reads of matters: officials' lists (scoped), public results, the numbers to show;
for the apps that build on decisions (a board elected, a contribution decided), the
published rounds of a kind. Other apps name `Matter`, `Board` and `Status` from here,
never from `decisions.models` or `decisions.catalogue`."""

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from coso.core.errors import DomainError
from coso.core.pagination import Page, keyset_page
from coso.core.permissions import get_or_404
from coso.core.scoping import scoped
from coso.decisions.catalogue import BOARD_TYPE, CONTRIBUTION_TYPES
from coso.decisions.models import (
    Ballot,
    BallotBox,
    Board,
    BoardMember,
    Channel,
    EncryptedBallot,
    HouseholdCode,
    Matter,
    MatterKind,
    Method,
    OnlineOptIn,
    Participation,
    RoundKey,
    Status,
)
from coso.decisions.outcome import withhold_small_groups
from coso.people.selectors import representatives_under
from coso.rules.services import rule_in_force
from coso.units.selectors import Unit, units_under

PATH = "unit__path"

__all__ = [
    "Board",
    "Matter",
    "MatterKind",
    "Method",
    "Status",
    "attendance_sheet",
    "board_members",
    "code_sheet",
    "household_round_get",
    "household_rounds",
    "is_published_board_election",
    "is_published_contribution",
    "matter_get",
    "matter_public_get",
    "matters_page",
    "online_chosen",
    "outcome_published",
    "paper_progress",
    "participation_counts",
    "published_board_elections",
    "published_contributions",
    "published_matters",
    "receipt_listed",
    "round_record",
    "spoiled_count",
    "village_progress",
]


def matters_page(*, user: Any, unit: Unit, after: int | None, size: int) -> Page[Matter]:
    """The unit's matters, newest first, a page after the key `after`: one query."""
    qs = scoped(Matter.objects.filter(unit=unit), user, path_field=PATH)
    return keyset_page(qs, key="id", after=after, size=size, descending=True)


def matter_get(*, user: Any, pk: int, action: str = "records.read") -> Matter:
    return get_or_404(
        Matter.objects.select_related("unit", "fallback_of"), user, action, path_field=PATH, pk=pk
    )


def matter_public_get(*, pk: int) -> Matter:
    found = (
        Matter.objects.select_related("unit")
        .prefetch_related("options")
        .filter(pk=pk, status=Status.PUBLISHED)
        .first()
    )
    if found is None:
        raise Http404
    return found


def outcome_published(*, matter: Matter) -> dict[str, Any]:
    """The outcome as every page, the minutes and any export show it. A secret round
    withholds the counts of each village below `vote.secret.min_group` and shows its
    verdict alone; the stored outcome keeps them, as the counting board's record. The
    rule frozen when the round opened applies; a round opened before it existed takes
    the version in force that day (one query)."""
    result = matter.outcome or {}
    if not matter.secret or not result.get("villages"):
        return result
    rule = matter.rules.get("min_group")
    if rule is None:
        try:
            found = rule_in_force("vote.secret.min_group", on=matter.opened_on)
        except DomainError:  # opened before the rule's first version: the current one
            found = rule_in_force("vote.secret.min_group")
        rule = {**found.value, "citation": found.citation}
    return withhold_small_groups(result, rule)


def published_matters(*, unit: Unit, limit: int = 20) -> list[Matter]:
    """Published results of a unit and of the villages under it, newest first."""
    return list(
        Matter.objects.filter(unit__path__startswith=unit.path, status=Status.PUBLISHED)
        .select_related("unit")
        .order_by("-published_on", "-id")[:limit]
    )


def attendance_sheet(
    *, matter: Matter, cluster: str = "", names: bool = True
) -> list[dict[str, Any]]:
    """Every household of the unit (of the village `cluster`, in a village-by-village
    round) with its representative (when the reader may see `names`) and whether it is
    marked present — three queries whatever the size of the village."""
    present = set(
        Participation.objects.filter(matter=matter, cluster=cluster).values_list(
            "household_id", flat=True
        )
    )
    elsewhere = set(
        Participation.objects.filter(matter=matter)
        .exclude(cluster=cluster)
        .values_list("household_id", flat=True)
    )
    people = representatives_under(unit=matter.unit)
    if matter.villages:  # each village's meeting ticks its own households
        people = people.filter(household__village__code=cluster)
    rows = people.order_by("household__code").values("household_id", "household__code", "full_name")
    return [
        {
            "id": r["household_id"],
            "code": r["household__code"],
            "name": r["full_name"] if names else "",
            "present": r["household_id"] in present,
            "elsewhere": r["household_id"] in elsewhere,
        }
        for r in rows
    ]


def code_sheet(*, matter: Matter, names: bool = True) -> list[dict[str, Any]]:
    """Numbered forms with each household's code and, when the reader may see `names`,
    its representative, for printing."""
    people = representatives_under(unit=matter.unit)
    representatives = dict(people.values_list("household_id", "full_name")) if names else {}
    codes = (
        HouseholdCode.objects.filter(matter=matter)
        .order_by("form_number")
        .values("form_number", "code", "household_id", "household__code", "used_at")
    )
    return [{**c, "name": representatives.get(c["household_id"], "")} for c in codes]


def participation_counts(*, matter: Matter) -> dict[str, int]:
    rows = Participation.objects.filter(matter=matter).values("channel").annotate(n=Count("id"))
    return {r["channel"]: r["n"] for r in rows}


def spoiled_count(*, matter: Matter) -> int:
    """Forms returned but invalid (no choice marked): an open round's spoiled ballots
    and those counted in a secret round's ballot boxes — two aggregate queries."""
    open_ballots = Ballot.objects.filter(matter=matter, spoiled=True).count()
    boxes = BallotBox.objects.filter(matter=matter).aggregate(n=Sum("spoiled"))["n"]
    return open_ballots + (boxes or 0)


def village_progress(*, matter: Matter) -> list[dict[str, Any]]:
    """A village-by-village round's villages with the households that took part so far
    (never a running tally), in one aggregate query; a village carried from the meeting
    this round follows keeps that meeting's figures."""
    present = dict(
        Participation.objects.filter(matter=matter)
        .values("cluster")
        .annotate(n=Count("id"))
        .values_list("cluster", "n")
    )
    return [
        v if v.get("carried") else {**v, "present": present.get(v["code"], 0)}
        for v in matter.villages
    ]


def household_rounds(*, household: Any) -> list[dict[str, Any]]:
    """The open rounds in which the household holds a form — its village's, or its
    commune's decided village by village — with whether it has voted and whether the
    round takes votes online; one query. The codes themselves are not read."""
    rows = (
        HouseholdCode.objects.filter(household=household, matter__status=Status.OPEN)
        .order_by("matter__opened_on", "matter_id")
        .values(
            "matter_id",
            "matter__title",
            "matter__online_allowed",
            "matter__secret",
            "matter__unit__name",
            "used_at",
        )[:50]
    )
    return [dict(row) for row in rows]


def household_round_get(*, household: Any, pk: int) -> Matter:
    """A round the household holds a form in, with its options (404 for any other:
    another village's round answers as a missing one)."""
    found = (
        Matter.objects.select_related("unit")
        .prefetch_related("options")
        .filter(pk=pk, codes__household=household)
        .first()
    )
    if found is None:
        raise Http404
    return found


def online_chosen(*, household: Any) -> bool:
    """Whether the household chose to vote online (D59 art. 5)."""
    return OnlineOptIn.objects.filter(household=household).exists()


def board_members(*, matter: Matter) -> list[Any]:
    """An encrypted round's counting board, in share order (one query)."""
    return list(BoardMember.objects.filter(matter=matter).order_by("index"))


def round_record(*, matter: Matter) -> dict[str, Any] | None:
    """A counted encrypted round's public verification record (None if it has none)."""
    return RoundKey.objects.filter(matter=matter).values_list("record", flat=True).first()


def receipt_listed(*, matter: Matter, receipt: str) -> bool:
    """Whether a voter's receipt is among the round's published encrypted ballots."""
    cleaned = "".join(receipt.split()).lower()
    return EncryptedBallot.objects.filter(matter=matter, receipt=cleaned).exists()


def paper_progress(*, matter: Matter) -> dict[str, dict[str, int]]:
    """Per village ("" for a round not counted village by village): the stubs marked
    and the paper ballots keyed in (encrypted ballots beyond the online votes, plus the
    spoiled ones). Three aggregate queries whatever the number of ballots."""
    rows: dict[str, dict[str, int]] = {}

    def add(cluster: str, field: str, n: int) -> None:
        rows.setdefault(cluster, {"stubs": 0, "ballots": 0})[field] += n

    taken = Participation.objects.filter(matter=matter).values("cluster", "channel")
    for r in taken.annotate(n=Count("id")):
        if r["channel"] == Channel.PAPER:
            add(r["cluster"], "stubs", r["n"])
        elif r["channel"] == Channel.ONLINE:
            add(r["cluster"], "ballots", -r["n"])
    ballots = EncryptedBallot.objects.filter(matter=matter).values("cluster")
    for r in ballots.annotate(n=Count("id")):
        add(r["cluster"], "ballots", r["n"])
    for cluster, spoiled in BallotBox.objects.filter(matter=matter).values_list(
        "cluster", "spoiled"
    ):
        add(cluster, "ballots", spoiled)
    return rows


def published_board_elections(*, board: str) -> QuerySet[Matter]:
    """Published elections of the members of `board` (item 5 of GDL art. 15), anywhere:
    the caller narrows them to its units."""
    return Matter.objects.filter(matter_type=BOARD_TYPE, board=board, status=Status.PUBLISHED)


def is_published_board_election(matter: Matter, *, board: str) -> bool:
    return (
        matter.matter_type == BOARD_TYPE
        and matter.board == board
        and matter.status == Status.PUBLISHED
    )


def published_contributions() -> QuerySet[Matter]:
    """Published decisions on contributions (items 1–2 of GDL art. 15), anywhere: the
    caller narrows them to its units."""
    return Matter.objects.filter(status=Status.PUBLISHED, matter_type__in=CONTRIBUTION_TYPES)


def is_published_contribution(matter: Matter) -> bool:
    return matter.matter_type in CONTRIBUTION_TYPES and matter.status == Status.PUBLISHED


def calendar_rounds(*, unit: Unit, since: dt.date) -> QuerySet[Matter]:
    """The rounds of `unit` and the units below it opened on or after `since`, for its
    public calendar (coso.calendars): a draft is not announced yet; a voided round
    stays listed, so that a calendar that showed it shows it cancelled."""
    return (
        Matter.objects.filter(unit__in=units_under(unit=unit), opened_on__gte=since)
        .exclude(status=Status.DRAFT)
        .only("id", "title", "method", "status", "opened_on", "starts_at", "venue")
        .order_by("opened_on", "id")
    )
