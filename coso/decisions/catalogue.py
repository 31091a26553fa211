"""Which rulebook entries govern which matter (GDL arts. 15, 17, 19, 21, 50–51)."""

import datetime as dt
from typing import Any

from coso import rules
from coso.rules.services import rule_in_force
from coso.units.selectors import COMMUNITY_KINDS, UnitKind

CONTRIBUTION_TYPES = {"1", "2"}  # GDL art. 15(1)–(2): at least 2/3 of all households
CONVENTION_TYPE = "3"  # the village convention: attendance rule too (D61 art. 10)
ELECTION_TYPES = {"4", "5"}  # village head; PIB and CISB members
BOARD_TYPE = "5"  # electing the members of a board: which one is recorded on the matter
CONFERENCE_TYPE = "conference"  # an agency's or enterprise's staff conference
ORG_KINDS = (UnitKind.AGENCY, UnitKind.ENTERPRISE)


def matter_types(unit_kind: str, *, on: dt.date | None = None) -> list[tuple[str, str]]:
    """(key, label) of what this kind of unit may put to a vote."""
    if unit_kind in ORG_KINDS:
        return [(CONFERENCE_TYPE, "Hội nghị cán bộ, công chức, viên chức, người lao động")]
    if unit_kind in (*COMMUNITY_KINDS, UnitKind.COMMUNE):
        return [(i["key"], i["label"]) for i in rules.value("vote.matters.catalogue", on=on)]
    return []


def allowed_methods(matter_type: str, *, on: dt.date | None = None) -> dict[str, bool]:
    """method -> allowed as a first round (False: only as the fallback the law names)."""
    if matter_type == CONFERENCE_TYPE:
        return {"meeting": True}
    found: dict[str, bool] = {}
    for form in rules.value("vote.forms", on=on):
        if matter_type in form.get("matters", []):
            found[form["key"]] = True
        elif matter_type in form.get("fallback_for", []):
            found[form["key"]] = False
    return found


def _rule(code: str, on: dt.date) -> dict[str, Any]:
    rule = rule_in_force(code, on=on)
    return {**rule.value, "code": code, "citation": rule.citation}


def by_village(matter_type: str, unit_kind: str) -> bool:
    """A commune-wide matter of items 1–2 is decided village by village (GDL art. 21(1))."""
    return matter_type in CONTRIBUTION_TYPES and unit_kind == UnitKind.COMMUNE


def freeze(
    *, matter_type: str, method: str, unit_kind: str, on: dt.date, secret: bool = False
) -> dict[str, Any]:
    """The rules a round is counted by, copied when it opens; a secret round also keeps
    the smallest group whose counts it may publish (`vote.secret.min_group`)."""
    if matter_type == CONFERENCE_TYPE:
        return {
            "quorum": _rule("agency.conference.quorum", on),
            "approval": _rule("agency.conference.approval", on),
        }
    code = (
        "vote.approval.contribution"
        if matter_type in CONTRIBUTION_TYPES
        else "vote.approval.general"
    )
    frozen: dict[str, Any] = {"approval": _rule(code, on)}
    if by_village(matter_type, unit_kind):
        frozen["villages"] = _rule("vote.approval.villages", on)
    if secret:
        frozen["min_group"] = _rule("vote.secret.min_group", on)
    if method == "meeting":
        frozen["fallback"] = _rule("vote.meeting.fallback", on)
        if matter_type == CONVENTION_TYPE:
            frozen["attendance"] = _rule("vote.convention.attendance", on)
    return frozen
